import type { FastifyRequest } from 'fastify';

const SECRET = /boh_[A-Za-z0-9_-]{8,}/g;

/** Replace anything shaped like a BOH token with `boh_[redacted]`. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET, 'boh_[redacted]');
}

/**
 * What a request log line shows. Headers are left out (they carry the bearer token), and a token
 * pasted into a URL by mistake is masked.
 */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactSecrets(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
