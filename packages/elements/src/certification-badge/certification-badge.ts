import { html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type {
  CredentialEvaluation,
  CredentialStatus,
  Jwks,
  RoleQualification,
  RuleSet,
  SpecialistRole,
} from '@peerlink/sdk';
// The SDK's verifyCredential loads the verifier and jose on its first call, not with this module.
import {
  credentialStatus,
  evaluate,
  qualifiesFor,
  verifyCredential,
  type CredentialHolder,
  type VerificationFailure,
  type VerificationResult,
} from '@peerlink/sdk/credentials';
import { IntervalController } from '../base/interval-controller.js';
import {
  daysUntil,
  describes,
  evaluatedRuleSets,
  fromSigned,
  ruleSetFor,
  type BadgeCredential,
} from './badge-credential.js';
import { LatestRun, type Run } from '../base/latest-run.js';
import { CREDENTIAL_TONES, type StatusTone } from '../base/tones.js';
import { PeerElement } from '../base/peer-element.js';
import { certificationBadgeMessages, type CertificationBadgeMessageKey } from './certification-badge.messages.js';
import { certificationBadgeStyles } from './certification-badge.styles.js';

export type { BadgeCredential } from './badge-credential.js';

/** The specialist whose qualification for `role` is shown: a display name and the credentials they hold. */
export interface BadgeSpecialist extends CredentialHolder {
  displayName: string;
  credentials: readonly BadgeCredential[];
}

export const BADGE_SIZES = ['compact', 'full'] as const;
export type BadgeSize = (typeof BADGE_SIZES)[number];

/** Why a signed credential was not accepted: the verifier's reasons, or that it is another credential than the one shown. */
export type BadgeVerificationFailure = VerificationFailure | 'mismatch';

/** What `peer-credential-verified` reports. */
export type BadgeVerificationResult = VerificationResult | { valid: false; reason: 'mismatch'; message: string };

type Verification =
  | { state: 'running' }
  | { state: 'done'; result: VerificationResult }
  | { state: 'failed'; reason: 'no-keys' | 'unavailable' };

/** What the status line shows, from the credential and its rule set. */
interface Standing {
  status: CredentialStatus;
  /** The date it stops being valid: its own, else its rule set's renewal date. */
  expiresOn: string | undefined;
  evaluation: CredentialEvaluation | undefined;
  ruleSet: RuleSet | undefined;
}

// Every status, verification outcome and qualification has its own shape: colour is never alone.
const STATUS_ICONS: Readonly<Record<CredentialStatus, SVGTemplateResult>> = {
  active: svg`<circle cx="12" cy="12" r="9" /><path d="m8 12.5 2.5 2.5L16 9.5" />`,
  expiring: svg`<circle cx="12" cy="13" r="8" /><path d="M12 9v4l2.5 2.5M9.5 2.5h5" />`,
  expired: svg`<circle cx="12" cy="12" r="9" /><path d="m9 9 6 6m0-6-6 6" />`,
  suspended: svg`<circle cx="12" cy="12" r="9" /><path d="M10 8.5v7M14 8.5v7" />`,
  revoked: svg`<path d="M8.3 2.5h7.4l5.3 5.3v7.4l-5.3 5.3H8.3L3 15.2V7.8Z" /><path d="M7.5 12h9" />`,
  pending: svg`<path d="M6 3h12M6 21h12M7.5 3 16.5 21M16.5 3 7.5 21" />`,
};
const SHIELD = svg`<path d="M12 2.5 4 5.5v6c0 5 3.4 8.6 8 10 4.6-1.4 8-5 8-10v-6Z" />`;
const VERIFY_ICONS = {
  running: svg`${SHIELD}<path d="M9 12h.01M12 12h.01M15 12h.01" />`,
  valid: svg`${SHIELD}<path d="m8.5 12 2.5 2.5 4.5-5" />`,
  invalid: svg`${SHIELD}<path d="m9.5 9.5 5 5m0-5-5 5" />`,
} as const;
const BOX = svg`<rect x="3.5" y="3.5" width="17" height="17" rx="2" />`;
const QUALIFY_ICONS = {
  qualified: svg`${BOX}<path d="m8 12.5 2.5 2.5L16 9.5" />`,
  notQualified: svg`${BOX}<path d="m9 9 6 6m0-6-6 6" />`,
} as const;
const MET_ICONS = {
  met: svg`<path d="m5 12.5 4.5 4.5L19 7.5" />`,
  unmet: svg`<circle cx="12" cy="12" r="7" />`,
} as const;

/** The status changes at most once a day (UTC); an hourly look keeps it current without `now`. */
const TICK_MS = 3_600_000;

/**
 * Whether a Peer Support Specialist's credential is in force, and whether its signed form is
 * genuine. `compact` fits a roster row or a CAD unit list (at most 32px tall): an icon and a
 * word for the status ("Active", "Expires in 23 days", "Revoked"), with the verification and
 * qualification marks when those apply. `full` adds the holder's display name, the credential's
 * name, issuer, number and dates, the rule set's requirement checklist with progress, the
 * verification result in words and the role qualification with its reasons.
 *
 * Status comes from `evaluate()` with the rule set (or from the issuer's status and the expiry
 * date without one), qualification from `qualifiesFor()`. A credential read from the service
 * brings its rule set in `evaluatedWith` (the current version assigned to the holder's role), so
 * the badge measures it as the service does without being given one. A `signed` credential is checked with
 * `verifyCredential()` against `jwks` or `jwks-url`; the verifier loads only then.
 *
 * @summary A certification status badge with requirement progress, signature verification and role qualification.
 *
 * @event peer-credential-verified - Verification of `signed` finished, valid or not. `detail: { result }` (`{ valid: true, credential }` or `{ valid: false, reason, message }`).
 * @event peer-error - Verification could not run: no key set was given, or the verifier failed to load. `detail: { error: { code, message } }`.
 *
 * @csspart base - The badge's outline holding everything else.
 * @csspart status - The status: icon and text.
 * @csspart icon - Each icon; decorative, as every icon's meaning is also given in text.
 * @csspart verification - The verification result: icon and text (a polite live region).
 * @csspart qualification - Whether the specialist is qualified for `for-role`, with reasons in `full`.
 * @csspart holder - The holder's display name (`full`).
 * @csspart name - The credential's name (`full`).
 * @csspart details - Issuer, number and dates (`full`).
 * @csspart checklist - The rule set's requirements with progress (`full`).
 * @csspart reasons - Why the specialist is not qualified, or what is about to expire (`full`).
 *
 * @cssproperty --peer-certification-badge-background - Background. Defaults to `--peer-color-surface-raised` (compact) or `--peer-color-surface` (full).
 * @cssproperty --peer-certification-badge-border-color - Outline colour. Defaults to `--peer-color-border`.
 * @cssproperty --peer-certification-badge-height - Height when compact. Defaults to `1.5rem` (24px at the default font size).
 * @cssproperty --peer-certification-badge-max-width - Widest the full badge grows. Defaults to `32rem`.
 *
 * @since 0.1.0
 * @tag peer-certification-badge
 */
export class PeerCertificationBadge extends PeerElement<CertificationBadgeMessageKey> {
  static override styles = [PeerElement.styles, certificationBadgeStyles];

  constructor() {
    super(certificationBadgeMessages);
  }

  /** The credential to show: the contract's `Credential` or an SDK `HeldCredential`. */
  @property({ attribute: false }) credential?: BadgeCredential;

  /**
   * The rule set to measure `credential` by. Without it, the one the service evaluated the
   * credential with (`evaluatedWith`), else the one in `ruleSets` for its type (else only issuer
   * status and expiry count).
   */
  @property({ attribute: false }) ruleSet?: RuleSet;

  /**
   * The program's rule sets, for role qualification (`qualifiesFor`). Defaults to `[ruleSet]`, else
   * the rule sets the service evaluated the specialist's credentials with.
   */
  @property({ attribute: false }) ruleSets?: readonly RuleSet[];

  /** The specialist: display name, roles and the credentials they hold; with `for-role`, shows whether they qualify. */
  @property({ attribute: false }) specialist?: BadgeSpecialist;

  /**
   * The role to check the specialist's qualification for, e.g. `crisis-interventionist`.
   * (Not `role`: that is the host element's ARIA role.)
   */
  @property({ attribute: 'for-role' }) forRole?: SpecialistRole;

  /** The signed form of the credential (a VC-JWT) to verify against `jwks` or `jwks-url`. */
  @property() signed?: string;

  /** The issuer's key set (JWKS) to verify `signed` with. */
  @property({ attribute: false }) jwks?: Jwks;

  /** Where to fetch the issuer's key set, when no `jwks` is given. */
  @property({ attribute: 'jwks-url' }) jwksUrl?: string;

  /** The issuer `signed` must come from (its `iss`); any issuer whose keys verify it otherwise. */
  @property() issuer?: string;

  /** The time to evaluate at (ISO 8601 as an attribute), for tests and stories. Defaults to now, kept current. */
  @property({
    converter: { fromAttribute: (value: string | null): Date | undefined => (value ? new Date(value) : undefined) },
  })
  now?: Date;

  /** `compact` (icon and short text, at most 32px tall) or `full` (details, checklist, reasons). */
  @property({ reflect: true }) size: BadgeSize = 'compact';

  @state() private verification?: Verification;

  /** The time this render shows the badge at; one instant for every part. */
  private moment = new Date();

  /** Each verification is a run, so a late answer for older input is dropped. */
  private readonly runs = new LatestRun();
  /** The latest verification; an older one that is overtaken resolves to its answer. */
  private pending: Promise<BadgeVerificationResult | undefined> = Promise.resolve(undefined);

  // Ticks only while the badge follows the clock; stops when disconnected.
  private readonly clock = new IntervalController(
    this,
    TICK_MS,
    () => this.validNow === undefined && (this.credential !== undefined || this.specialist !== undefined),
  );

  private get validNow(): Date | undefined {
    return this.now && !Number.isNaN(this.now.getTime()) ? this.now : undefined;
  }

  private get at(): Date {
    return this.validNow ?? new Date();
  }

  /** The latest verification result of `signed`, once there is one (read-only). */
  get verificationResult(): BadgeVerificationResult | undefined {
    return this.verification?.state === 'done' ? this.matched(this.verification.result) : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.moment = this.at;
    if (
      changed.has('signed') ||
      changed.has('jwks') ||
      changed.has('jwksUrl') ||
      changed.has('issuer') ||
      changed.has('now')
    ) {
      void this.verify();
    }
  }

  /**
   * Verifies `signed` (again, e.g. after the issuer may have revoked it) and shows the result.
   * Resolves to the result (of a later verification, if one overtakes it), or `undefined` when
   * there is nothing to verify or it could not run.
   */
  verify(): Promise<BadgeVerificationResult | undefined> {
    this.pending = this.check(this.runs.start());
    return this.pending;
  }

  private async check(run: Run): Promise<BadgeVerificationResult | undefined> {
    const jwt = this.signed?.trim();
    if (!jwt) {
      this.verification = undefined;
      return undefined;
    }
    const keys = this.jwks ? { jwks: this.jwks } : this.jwksUrl ? { jwksUrl: this.jwksUrl } : undefined;
    if (!keys) {
      this.verification = { state: 'failed', reason: 'no-keys' };
      this.emit('peer-error', {
        error: { code: 'validation', message: 'Give jwks or jwks-url to verify the signed credential' },
      });
      return undefined;
    }
    this.verification = { state: 'running' };
    const now = this.validNow;
    let result: VerificationResult;
    try {
      result = await verifyCredential(jwt, {
        ...keys,
        ...(this.issuer ? { issuer: this.issuer } : {}),
        ...(now ? { now } : {}),
      });
    } catch (error) {
      if (run.stale) return this.pending;
      this.verification = { state: 'failed', reason: 'unavailable' };
      const message = error instanceof Error ? error.message : String(error);
      this.emit('peer-error', { error: { code: 'verifier-unavailable', message } });
      return undefined;
    }
    if (run.stale) return this.pending;
    this.verification = { state: 'done', result };
    const matched = this.matched(result);
    this.emit('peer-credential-verified', { result: matched });
    return matched;
  }

  private matched(result: VerificationResult): BadgeVerificationResult {
    if (!result.valid || !this.credential || describes(result.credential, this.credential)) return result;
    return { valid: false, reason: 'mismatch', message: 'The signed credential is not the credential shown' };
  }

  /** The credential shown: the host's, else the one a valid signed credential describes. */
  private get shown(): BadgeCredential | undefined {
    if (this.credential) return this.credential;
    const verification = this.verification;
    return verification?.state === 'done' && verification.result.valid
      ? fromSigned(verification.result.credential)
      : undefined;
  }

  /** The host's rule sets, else the ones the service evaluated the specialist's credentials with. */
  private get programRuleSets(): readonly RuleSet[] {
    return this.ruleSets ?? (this.ruleSet ? [this.ruleSet] : evaluatedRuleSets(this.specialist?.credentials ?? []));
  }

  private standing(now: Date): Standing | undefined {
    const credential = this.shown;
    if (!credential) {
      // A signed credential alone still says it is revoked, suspended or expired when that is why it failed.
      const result = this.verification?.state === 'done' ? this.verification.result : undefined;
      if (
        result &&
        !result.valid &&
        (result.reason === 'revoked' || result.reason === 'suspended' || result.reason === 'expired')
      ) {
        return { status: result.reason, expiresOn: undefined, evaluation: undefined, ruleSet: undefined };
      }
      return undefined;
    }
    const ruleSet = ruleSetFor(credential, this.ruleSet, this.programRuleSets);
    if (!ruleSet) {
      return {
        status: credentialStatus(credential, now).status,
        expiresOn: credential.expiresOn,
        evaluation: undefined,
        ruleSet,
      };
    }
    const evaluation = evaluate(credential, ruleSet, now);
    return { status: evaluation.status, expiresOn: credential.expiresOn ?? evaluation.ce?.dueOn, evaluation, ruleSet };
  }

  private qualification(now: Date): RoleQualification | undefined {
    if (!this.specialist || !this.forRole) return undefined;
    return qualifiesFor(this.specialist, this.forRole, now, this.programRuleSets);
  }

  override render(): TemplateResult {
    const standing = this.standing(this.moment);
    const qualification = this.qualification(this.moment);
    const full = this.size === 'full';
    return html`<div part="base" class=${full ? 'base full' : 'base compact'}>
      ${full ? this.renderFull(standing, qualification) : this.renderCompact(standing, qualification)}
    </div>`;
  }

  private renderCompact(standing: Standing | undefined, qualification: RoleQualification | undefined): TemplateResult {
    return html`${standing ? this.renderStatus(standing) : nothing}${this.renderVerification(false)}${
      qualification ? this.renderQualificationMark(qualification) : nothing
    }`;
  }

  private renderFull(standing: Standing | undefined, qualification: RoleQualification | undefined): TemplateResult {
    const credential = this.shown;
    // The holder's name from a signed credential only when it is the credential shown.
    const result = this.verificationResult;
    const holder = this.specialist?.displayName ?? (result?.valid ? result.credential.subject.name : undefined);
    return html`<div class="header">
        ${holder ? html`<p part="holder" class="holder">${holder}</p>` : nothing}
        ${credential ? html`<p part="name" class="name">${credential.name ?? credential.type}</p>` : nothing}
        ${standing ? this.renderStatus(standing) : nothing}
      </div>
      ${credential ? this.renderDetails(credential, standing) : nothing} ${this.renderVerification(true)}
      ${qualification ? this.renderQualification(qualification) : nothing}
      ${credential && standing?.evaluation && standing.ruleSet ? this.renderChecklist(credential, standing.evaluation, standing.ruleSet) : nothing}`;
  }

  private icon(shape: SVGTemplateResult, tone: StatusTone): TemplateResult {
    return html`<svg part="icon" class="icon ${tone}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${shape}</svg>`;
  }

  private statusText({ status, expiresOn }: Standing): string {
    if (status !== 'expiring' || !expiresOn) return this.i18n.term(`badge.status.${status}`);
    const days = daysUntil(expiresOn, this.moment);
    if (days <= 0) return this.i18n.term('badge.expiresToday');
    if (days === 1) return this.i18n.term('badge.expiresTomorrow');
    return this.i18n.term('badge.expiresInDays', { days });
  }

  private renderStatus(standing: Standing): TemplateResult {
    return html`<span part="status" class="segment status" data-status=${standing.status}
      >${this.icon(STATUS_ICONS[standing.status], CREDENTIAL_TONES[standing.status])}<span class="text">${this.statusText(standing)}</span></span
    >`;
  }

  /** One node for every verification state, so its live region announces the outcome. */
  private renderVerification(full: boolean): TemplateResult | typeof nothing {
    const verification = this.verification;
    if (!verification) return nothing;
    let icon: SVGTemplateResult;
    let tone: StatusTone;
    let text: string;
    let outcome: string;
    if (verification.state === 'running') {
      [icon, tone, outcome, text] = [
        VERIFY_ICONS.running,
        'neutral',
        'running',
        this.i18n.term('badge.verify.running'),
      ];
    } else {
      const result = verification.state === 'done' ? this.matched(verification.result) : undefined;
      if (result?.valid) {
        const issuer = result.credential.issuer.name ?? result.credential.issuer.id;
        [icon, tone, outcome] = [VERIFY_ICONS.valid, 'success', 'valid'];
        text =
          full && issuer ? this.i18n.term('badge.verify.validBy', { issuer }) : this.i18n.term('badge.verify.valid');
      } else {
        const reason: BadgeVerificationFailure | 'no-keys' | 'unavailable' = result
          ? result.reason
          : verification.state === 'failed'
            ? verification.reason
            : 'malformed';
        [icon, tone, outcome] = [VERIFY_ICONS.invalid, 'danger', reason];
        text = full
          ? this.i18n.term('badge.verify.invalidBecause', { reason: this.i18n.term(`badge.verify.reason.${reason}`) })
          : this.i18n.term('badge.verify.invalid');
      }
    }
    return html`<span part="verification" class="segment verification" role="status" data-outcome=${outcome}
      >${this.icon(icon, tone)}<span class="text">${text}</span></span
    >`;
  }

  private roleName(role: string): string {
    return isRole(role) ? this.i18n.term(`badge.role.${role}`) : role;
  }

  private renderQualificationMark(qualification: RoleQualification): TemplateResult {
    const role = this.roleName(qualification.role);
    return html`<span part="qualification" class="segment qualification" data-qualified=${String(qualification.qualified)}
      >${
        qualification.qualified
          ? this.icon(QUALIFY_ICONS.qualified, 'success')
          : this.icon(QUALIFY_ICONS.notQualified, 'danger')
      }<span class="text"
        >${this.i18n.term(qualification.qualified ? 'badge.qualified' : 'badge.notQualified')}<span class="visually-hidden">
          ${this.i18n.term('badge.forRole', { role })}</span
        ></span
      ></span
    >`;
  }

  private renderQualification(qualification: RoleQualification): TemplateResult {
    const role = this.roleName(qualification.role);
    const reasons = this.qualificationReasons(qualification);
    return html`<div part="qualification" class="qualification-block" data-qualified=${String(qualification.qualified)}>
      <p class="line">
        ${
          qualification.qualified
            ? this.icon(QUALIFY_ICONS.qualified, 'success')
            : this.icon(QUALIFY_ICONS.notQualified, 'danger')
        }<span class="text"
          >${this.i18n.term(qualification.qualified ? 'badge.qualifiedFor' : 'badge.notQualifiedFor', { role })}</span
        >
      </p>
      ${reasons.length > 0 ? html`<ul part="reasons" class="reasons">${reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : nothing}
    </div>`;
  }

  /** The SDK's reasons are English; these say the same from its structured result. */
  private qualificationReasons(qualification: RoleQualification): string[] {
    const specialist = this.specialist;
    const reasons: string[] = [];
    if (specialist && !specialist.roles.includes(qualification.role)) {
      reasons.push(this.i18n.term('badge.reason.noRole', { role: this.roleName(qualification.role) }));
    }
    for (const { type, status } of qualification.credentials) {
      if (status === 'active') continue;
      const name =
        specialist?.credentials.find((held) => held.type === type && held.name)?.name ??
        this.programRuleSets.find((set) => set.credentialType === type)?.name ??
        type;
      if (status === 'missing') {
        reasons.push(this.i18n.term('badge.reason.missing', { credential: name }));
      } else {
        const held = specialist?.credentials.find((candidate) => candidate.type === type);
        const standing: Standing = { status, expiresOn: held?.expiresOn, evaluation: undefined, ruleSet: undefined };
        const words = status === 'expiring' ? this.statusText(standing) : this.i18n.term(`badge.status.${status}`);
        reasons.push(
          this.i18n.term('badge.reason.credential', {
            credential: name,
            status: words.toLocaleLowerCase(this.i18n.lang),
          }),
        );
      }
    }
    return reasons;
  }

  private date(day: string): TemplateResult {
    // Calendar dates, as the issuer wrote them: formatted in UTC so no zone moves them a day.
    return html`<time datetime=${day}>${this.i18n.date(`${day}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })}</time>`;
  }

  private renderDetails(credential: BadgeCredential, standing: Standing | undefined): TemplateResult {
    const expiresOn = standing?.expiresOn ?? credential.expiresOn;
    const row = (label: CertificationBadgeMessageKey, value: TemplateResult | string) =>
      html`<div class="row"><dt>${this.i18n.term(label)}</dt> <dd>${value}</dd></div>`;
    return html`<dl part="details" class="details">
      ${credential.issuer ? row('badge.field.issuer', credential.issuer.name) : nothing}
      ${credential.number ? row('badge.field.number', credential.number) : nothing}
      ${row('badge.field.issued', this.date(credential.issuedOn))}
      ${row('badge.field.expires', expiresOn ? this.date(expiresOn) : this.i18n.term('badge.noExpiry'))}
    </dl>`;
  }

  private progress(unit: 'hours' | 'months', actual: number, required: number): TemplateResult {
    return html`<span class="amount">${this.i18n.term(`badge.progress.${unit}`, { actual, required })}</span>
      <progress class="bar" aria-hidden="true" max=${required} value=${Math.min(actual, required)}></progress>`;
  }

  private renderChecklist(
    credential: BadgeCredential,
    evaluation: CredentialEvaluation,
    ruleSet: RuleSet,
  ): TemplateResult {
    const item = (met: boolean, label: string, amount: TemplateResult | typeof nothing) =>
      html`<li class=${met ? 'item met' : 'item unmet'}>
        ${met ? this.icon(MET_ICONS.met, 'success') : this.icon(MET_ICONS.unmet, 'warning')}<span class="label"
          ><span class="visually-hidden">${this.i18n.term(met ? 'badge.met' : 'badge.unmet')} </span>${label}</span
        >
        ${amount}
      </li>`;
    const ce = evaluation.ce;
    const dueOn = ce ? this.i18n.date(`${ce.dueOn}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' }) : '';
    return html`<div part="checklist" class="checklist">
      <p class="caption" id="requirements">
        ${this.i18n.term('badge.requirements')} <span class="rule-set">${ruleSet.name}</span>
      </p>
      <ul aria-labelledby="requirements">
        ${evaluation.checklist.map((entry) =>
          item(
            entry.met,
            entry.label,
            entry.unit !== null && entry.required !== null
              ? this.progress(entry.unit, entry.actual ?? 0, entry.required)
              : nothing,
          ),
        )}
        ${
          ce
            ? html`${item(ce.completed >= ce.required, this.i18n.term('badge.ce.total', { date: dueOn }), this.progress('hours', ce.completed, ce.required))}
            ${
              ce.ethicsRequired > 0
                ? item(
                    ce.ethicsCompleted >= ce.ethicsRequired,
                    this.i18n.term('badge.ce.ethics', { date: dueOn }),
                    this.progress('hours', ce.ethicsCompleted, ce.ethicsRequired),
                  )
                : nothing
            }`
            : nothing
        }
      </ul>
      ${
        credential.type !== ruleSet.credentialType
          ? html`<p class="note">${this.i18n.term('badge.mismatch', { expected: ruleSet.credentialType, actual: credential.type })}</p>`
          : nothing
      }
      ${ruleSet.disclaimer ? html`<p class="note">${ruleSet.disclaimer}</p>` : nothing}
    </div>`;
  }
}

const ROLES: Readonly<Record<SpecialistRole, true>> = {
  'crisis-interventionist': true,
  'recovery-coach': true,
  'court-peer-specialist': true,
  'reentry-advocate': true,
};

function isRole(value: string): value is SpecialistRole {
  return Object.hasOwn(ROLES, value);
}

declare module '../base/events.js' {
  interface PeerEventMap {
    'peer-credential-verified': { result: BadgeVerificationResult };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-certification-badge': PeerCertificationBadge;
  }
  interface GlobalEventHandlersEventMap {
    'peer-credential-verified': CustomEvent<{ result: BadgeVerificationResult }>;
  }
}
