/**
 * POST /api/exports: an export of the register (issue 17, item 6) or of a quarterly report (issue 19,
 * item 6, `kind: 'report'`), written to the audit log (DESIGN §7: "the server keeps an audit log of
 * logins, exports and deletions").
 *
 * The file itself is made on the phone from its own copy of the register; this records who exported
 * which villages, in which format and how many households and residents, before the file exists. A
 * commune-wide export is refused by the app unless this answered 201; a single village's export also
 * works offline and is recorded whenever this can be reached.
 *
 * Who: commune officers any village and the whole commune; leads their own villages, one at a time;
 * members nobody (403 `forbidden`). A village the caller may not see is 403 `forbidden` and nothing is
 * recorded.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { quarterKeySchema, REPORT_LEVELS } from '../../core/schemas';
import { MAX_CLOCK_AHEAD_MS } from '../../core/sync/protocol';
import { COMMUNE_OFFICE_ID } from '../../core/sync/scope';
import { uuidSchema } from '../../core/uuid';
import { audit } from '../audit.js';
import { requireUser } from '../auth/authenticate.js';
import { canReadVillage } from '../auth/scope.js';
import type { Database } from '../db.js';
import { ApiError } from '../errors.js';
import { parseInput } from '../validation.js';

/** More villages than a province-wide server holds for one commune; bounds the audit entry's size. */
export const MAX_EXPORT_VILLAGES = 500;

/**
 * `scope: 'village'` names exactly one village; `'commune'` the villages the file holds (every one
 * the phone has). Counts are what the file holds: live households and residents.
 */
export const exportBodySchema = z
  .strictObject({
    scope: z.enum(['commune', 'village']),
    villageIds: z
      .array(uuidSchema)
      .min(1)
      .max(MAX_EXPORT_VILLAGES)
      .transform((ids) => [...new Set(ids)]),
    format: z.enum(['xlsx', 'csv']),
    households: z.number().int().min(0),
    residents: z.number().int().min(0),
  })
  .refine((body) => body.scope === 'commune' || body.villageIds.length === 1, {
    path: ['villageIds'],
    message: 'A village export names exactly one village.',
  });
export type ExportBody = z.infer<typeof exportBodySchema>;

/**
 * A quarterly report exported (issue 19 item 6): made where the data is, offline if need be, and
 * recorded here when the device is next online. `scopeId` is the village, the unit, or the commune
 * office (COMMUNE_OFFICE_ID) whose report it was; `print` is the browser's print or PDF.
 */
export const reportExportBodySchema = z.strictObject({
  kind: z.literal('report'),
  level: z.enum(REPORT_LEVELS),
  scopeId: uuidSchema,
  period: quarterKeySchema,
  version: z.number().int().min(1).max(99),
  format: z.enum(['xlsx', 'docx', 'csv', 'print']),
  /** When the file was made on the device (it may reach the server days later). */
  exportedAt: z.iso.datetime({ offset: true }),
});
export type ReportExportBody = z.infer<typeof reportExportBodySchema>;

/** Who may export which report: the commune any; a lead its villages'; a unit its own. */
function mayExportReport(auth: ReturnType<typeof requireUser>, body: ReportExportBody): boolean {
  if (auth.role === 'commune') return true;
  if (body.level === 'commune' || body.scopeId === COMMUNE_OFFICE_ID) return false;
  if (auth.role === 'unit')
    return body.level === 'unit' && auth.villageIds.includes(body.scopeId.toLowerCase());
  return auth.role === 'lead' && body.level === 'village' && canReadVillage(auth, body.scopeId);
}

export const exportRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.post('/exports', { preHandler: app.authenticate }, async (request, reply) => {
    const auth = requireUser(request);
    const raw = request.body as { kind?: unknown } | null;
    if (typeof raw === 'object' && raw !== null && raw.kind === 'report') {
      const report = parseInput(reportExportBodySchema, request.body, 'body');
      // Made on the device, maybe days ago, but never later than now (a phone's clock may run a little ahead).
      if (Date.parse(report.exportedAt) > Date.now() + MAX_CLOCK_AHEAD_MS)
        throw new ApiError(400, 'invalid_request', 'The export cannot have been made in the future.', {
          extra: {
            details: [{ path: 'exportedAt', code: 'in_future', message: 'exportedAt is later than now' }],
          },
        });
      if (!mayExportReport(auth, report))
        throw new ApiError(403, 'forbidden', 'You may not export this report.');
      await audit(db.orm, {
        userId: auth.userId,
        action: 'report.export',
        detail: {
          level: report.level,
          scopeId: report.scopeId,
          period: report.period,
          version: report.version,
          format: report.format,
          exportedAt: report.exportedAt,
        },
      });
      return reply.code(201).send({ ok: true });
    }
    if (auth.role === 'member' || auth.role === 'unit')
      throw new ApiError(403, 'forbidden', 'Only leads and commune officers export the register.');
    const body = parseInput(exportBodySchema, request.body, 'body');
    if (body.scope === 'commune' && auth.role !== 'commune')
      throw new ApiError(403, 'forbidden', 'Only commune officers export the whole commune.');
    const hidden = body.villageIds.filter((id) => !canReadVillage(auth, id));
    if (hidden.length > 0)
      throw new ApiError(403, 'forbidden', 'You may not export a village that is not yours.');
    await audit(db.orm, {
      userId: auth.userId,
      action: 'register.export',
      detail: {
        scope: body.scope,
        villageIds: body.villageIds,
        format: body.format,
        households: body.households,
        residents: body.residents,
      },
    });
    return reply.code(201).send({ ok: true });
  });
};
