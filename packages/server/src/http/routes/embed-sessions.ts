import { createEmbedSession } from '@peerlink/sdk';
import { issueEmbedToken } from '../../domain/auth.js';
import { recordExists, specialistOf } from '../../domain/directory.js';
import { invalid } from '../../domain/problems.js';
import { iso } from '../../time.js';
import { route } from '../route.js';

export const createEmbedSessionRoute = route(createEmbedSession, {
  auth: 'api-key',
  async handler({ body, principal, tx, deps, meta }) {
    if ((body.role === 'specialist' || body.role === 'supervisor') && !body.subjectId) {
      throw invalid([{ path: 'subjectId', message: `Required for the ${body.role} role`, code: 'required' }]);
    }
    if (body.subjectId) {
      const peer = await specialistOf(tx, principal.agencyId, body.subjectId);
      if (!peer)
        throw invalid([{ path: 'subjectId', message: 'No such specialist in this agency', code: 'not_found' }]);
      // A deactivated peer has left the program: no new session, in any role, until a supervisor reactivates them.
      if (!peer.active) throw invalid([{ path: 'subjectId', message: 'This peer is deactivated', code: 'inactive' }]);
    }
    if (body.scope && !(await recordExists(tx, principal.agencyId, body.scope))) {
      throw invalid([{ path: 'scope.id', message: 'No such record in this agency', code: 'not_found' }]);
    }
    const { token, expiresAt } = await issueEmbedToken(deps.keys, principal.agencyId, body, meta.now, principal.keyId);
    return {
      token,
      tokenType: 'Bearer' as const,
      expiresAt: iso(expiresAt),
      role: body.role,
      agencyId: principal.agencyId,
      subjectId: body.subjectId ?? null,
      scope: body.scope ?? null,
    };
  },
});
