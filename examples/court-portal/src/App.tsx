// A treatment-court participant page, as a court's case system would show it, with Peerlink
// embedded through @peerlink/react: the assigned peer's certification (verified against the
// program's published keys) and a referral to a resource, made with the participant's consent.
import { useEffect, useMemo, useState } from 'react';
import { PeerCertificationBadge, PeerReferralPicker } from '@peerlink/react';
import { createPeerlinkClient, type Credential, type PeerlinkClient, type Referral } from '@peerlink/sdk';
import { exampleRuleSets } from '@peerlink/sdk/credentials';
import { categoryLabel, referralStatusLabel, type BadgeVerificationResult } from '@peerlink/elements';
import type { HostConfig } from '../../shared/host.js';
import { tokenFor } from '../../shared/host.js';
import { assignedPeer, participant } from './participant.js';

export interface AppProps {
  config: HostConfig;
}

type Credentials =
  | { state: 'loading' }
  /** `items` for the qualification; `certification` read on its own, with its signed form. */
  | { state: 'ready'; items: Credential[]; certification: Credential | undefined }
  | { state: 'failed'; message: string };

const dateTime = (date: Date, lang: string) =>
  new Intl.DateTimeFormat(lang, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);

/** The credential the court relies on: the peer-recovery certification, else the first held. */
function certificationOf(items: readonly Credential[]): Credential | undefined {
  return items.find((credential) => credential.type === 'peer-recovery') ?? items[0];
}

export function App({ config }: AppProps) {
  // One client for the page, with a court-staff token from the court's own server.
  const client: PeerlinkClient = useMemo(
    () => createPeerlinkClient({ baseUrl: config.apiUrl, getToken: tokenFor('court-staff'), offline: false }),
    [config.apiUrl],
  );
  const [now] = useState(() => new Date());
  const person = useMemo(() => participant(now), [now]);
  const [credentials, setCredentials] = useState<Credentials>({ state: 'loading' });
  const [verification, setVerification] = useState<{ result: BadgeVerificationResult; at: Date } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  /** Referrals made on this page, each as the picker last reported it. */
  const [referrals, setReferrals] = useState<readonly Referral[]>([]);
  const remember = (referral: Referral) => {
    setReferrals((known) => [...known.filter((other) => other.id !== referral.id), referral]);
  };
  const lang = document.documentElement.lang || 'en';

  useEffect(() => {
    const controller = new AbortController();
    const call = { signal: controller.signal };
    (async () => {
      const { items } = await client.credentials.list({ specialistId: assignedPeer.id }, call);
      const chosen = certificationOf(items);
      // The list gives statuses; the credential itself also carries its signed form (`jwt`).
      const certification = chosen ? await client.credentials.get(chosen.id, call) : undefined;
      setCredentials({ state: 'ready', items, certification });
    })().catch((error: unknown) => {
      if (controller.signal.aborted) return;
      setCredentials({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      controller.abort();
    };
  }, [client]);

  const certification = credentials.state === 'ready' ? credentials.certification : undefined;
  // The same object across renders, so the badge is not handed a "new" specialist each time.
  const specialist = useMemo(
    () => (credentials.state === 'ready' ? { ...assignedPeer, credentials: credentials.items } : undefined),
    [credentials],
  );
  const others =
    credentials.state === 'ready' ? credentials.items.filter((credential) => credential.id !== certification?.id) : [];

  return (
    <>
      <header className="bar">
        <h1>
          Lakeside County Treatment Court <span className="sub">participant portal (fictional demo)</span>
        </h1>
      </header>
      <main className="layout">
        <section aria-labelledby="participant-title" className="card participant">
          <h2 id="participant-title">Participant {person.ref}</h2>
          <dl>
            <dt>Program</dt>
            <dd>{person.program}</dd>
            <dt>Phase</dt>
            <dd>
              {person.phase.number} of {person.phase.of}: {person.phase.name} ({person.daysInPhase} days)
            </dd>
            <dt>Next hearing</dt>
            <dd>
              <time dateTime={person.nextHearing.toISOString()}>{dateTime(person.nextHearing, lang)}</time>,{' '}
              {person.judge}
            </dd>
            <dt>Assigned peer</dt>
            <dd>{assignedPeer.displayName}, court peer specialist</dd>
          </dl>
          <p className="muted">
            {person.ref} is the court&rsquo;s pseudonymous reference: Peerlink never receives the participant&rsquo;s
            name.
          </p>
        </section>

        <section aria-labelledby="peer-title" className="card peer">
          <h2 id="peer-title">Assigned peer&rsquo;s certification</h2>
          {credentials.state === 'loading' && (
            <p role="status">Loading {assignedPeer.displayName}&rsquo;s credentials…</p>
          )}
          {credentials.state === 'failed' && (
            <p role="alert">Could not load the peer&rsquo;s credentials: {credentials.message}</p>
          )}
          {credentials.state === 'ready' && !certification && (
            <p>Peerlink holds no credential for {assignedPeer.displayName}.</p>
          )}
          {certification && specialist && (
            <>
              <PeerCertificationBadge
                id="peer-badge"
                size="full"
                credential={certification}
                specialist={specialist}
                forRole={assignedPeer.courtRole}
                ruleSets={exampleRuleSets}
                signed={certification.jwt}
                jwksUrl={`${config.apiUrl}/v1/agencies/${certification.agencyId}/jwks.json`}
                onPeerCredentialVerified={(event) => {
                  setVerification({ result: event.detail.result, at: new Date() });
                }}
                onPeerError={(event) => {
                  setProblem(event.detail.error.message);
                }}
              />
              <p className="muted" id="verification-note">
                {certification.jwt === undefined
                  ? 'The program holds no signed form of this credential, so its status comes from the program’s records alone.'
                  : verification === undefined
                    ? 'Checking the signed credential against the program’s published keys…'
                    : verification.result.valid
                      ? `Signature checked against the program’s published keys at ${verification.at.toLocaleTimeString(lang)}.`
                      : `The signed credential did not verify (${verification.result.reason}); ask the program before relying on it.`}
              </p>
              {others.length > 0 && (
                <ul className="others" aria-label="Other credentials">
                  {others.map((credential) => (
                    <li key={credential.id}>
                      {credential.name} <PeerCertificationBadge credential={credential} ruleSets={exampleRuleSets} />
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </section>

        <section aria-labelledby="refer-title" className="card wide">
          <h2 id="refer-title">Refer {person.ref} to a resource</h2>
          <p className="muted">
            Record the participant&rsquo;s consent first; use {person.ref} as the person reference. The court follows
            the referrals it makes here; sharing progress with the court lets the rest of its staff see them too.
          </p>
          <PeerReferralPicker
            id="picker"
            client={client}
            onPeerReferralCreated={(event) => {
              remember(event.detail.referral);
            }}
            onPeerReferralStatus={(event) => {
              remember(event.detail.referral);
            }}
            onPeerError={(event) => {
              setProblem(event.detail.error.message);
            }}
          />
          {referrals.length > 0 && (
            <>
              <h3>Referrals made today</h3>
              <ul id="referrals" className="referrals">
                {referrals.map((referral) => (
                  <li key={referral.id} data-referral-id={referral.id}>
                    {referral.needs.map((need) => categoryLabel(need, lang)).join(', ')} —{' '}
                    {referralStatusLabel(referral.status, lang)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </main>
      {problem !== undefined && (
        <p className="errors" role="alert">
          Peerlink: {problem}
        </p>
      )}
    </>
  );
}
