// A peer program's own staff portal: the supervisor runs the on-call schedule and the roster,
// reviews call-out logs, keeps the resource directory current and reads the program's report. The
// page loads Peerlink with one script tag; every element gets the service's address and a
// supervisor token from the host's own server (here the example host), never an API key.
import { h, hostConfig, pageTools, tokenFor } from '../shared/host.js';

const { apiUrl, supervisorId } = await hostConfig();
// The host signs its staff in; here the example host names the program's supervisor.
const getToken = tokenFor('supervisor', supervisorId ?? undefined);
// The demo program's areas (its agency settings list them); without one the schedule shows every area it staffs.
const AREAS = ['north', 'south', 'county'];

/** One element of the console, given the service and the supervisor's token. */
const element = (tag, props = {}) => h(tag, { 'base-url': apiUrl, getToken, ...props });

const schedule = element('peer-on-call-schedule', { 'viewer-role': 'supervisor', weeks: '2' });
const roster = element('peer-roster');
const queue = element('peer-log-review-queue');
const directory = element('peer-directory-import');
const report = element('peer-program-report');

document.getElementById('on-call').append(schedule);
document.getElementById('roster').append(roster);
document.getElementById('review').append(queue);
document.getElementById('directory').append(directory);
document.getElementById('report').append(report);

const areaSelect = document.getElementById('area');
areaSelect.append(h('option', { value: '' }, 'All areas'), ...AREAS.map((area) => h('option', { value: area }, area)));
areaSelect.addEventListener('change', () => {
  schedule.area = areaSelect.value || undefined;
});

document.getElementById('tools').prepend(...pageTools('light'));

// The elements show their own failures; the host keeps a line for its own log too.
const errors = document.getElementById('errors');
document.addEventListener('peer-error', (event) => {
  errors.textContent = `Peerlink: ${event.detail.error.message}`;
});
