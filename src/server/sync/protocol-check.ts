import type { FastifyRequest } from 'fastify';
import { MIN_SUPPORTED_PROTOCOL, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../core/sync/protocol';
import { ApiError } from '../errors.js';

/** Old app versions in the field get a clear answer instead of a misread request. */
export function checkProtocol(request: FastifyRequest): void {
  const header = request.headers[PROTOCOL_HEADER];
  const version = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isInteger(version) || version < MIN_SUPPORTED_PROTOCOL) {
    throw new ApiError(426, 'client_too_old', 'This app version is too old to sync; reload it to update.', {
      extra: { minProtocol: MIN_SUPPORTED_PROTOCOL, protocol: PROTOCOL_VERSION },
    });
  }
  if (version > PROTOCOL_VERSION) {
    throw new ApiError(400, 'server_too_old', 'The server does not know this protocol version yet.', {
      extra: { protocol: PROTOCOL_VERSION },
    });
  }
}
