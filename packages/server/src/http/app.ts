// The fastify application: the cross-cutting plugins (plugins/), then the routes (routes/), the API's
// under /v1. See the server README, "Where things are".
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { ServerContext } from '../context.js';
import { AnswerReplay } from './answer-replay.js';
import { accessLog, batchedAccessLog, type BatchedAccessLog } from '../plugins/access-log.js';
import { cors } from '../plugins/cors.js';
import { answerFrameworkError, answerUnparsableRequest, problemAnswers } from '../plugins/problem-answers.js';
import { newRequestId } from '../plugins/request-id.js';
import { requestParsing } from '../plugins/request-parsing.js';
import { securityHeaders } from '../plugins/security-headers.js';
import { accountRoutes } from '../routes/accounts.js';
import { auditRoutes } from '../routes/audit.js';
import { caseWorkRoutes } from '../routes/case-work.js';
import { protocolDrillRoutes } from '../routes/protocol-drills.js';
import { protocolRoutes } from '../routes/protocols.js';
import { checkInRoutes } from '../routes/check-ins.js';
import { handOverRoutes } from '../routes/hand-overs.js';
import { caseAccessRoutes } from '../routes/case-access.js';
import { caseRoutes } from '../routes/cases.js';
import { contentRoutes } from '../routes/content.js';
import { dilemmaRoutes } from '../routes/dilemmas.js';
import { followUpRoutes } from '../routes/follow-up.js';
import { demoOutboxRoutes } from '../routes/demo-outbox.js';
import { hostedConsoleRoutes } from '../routes/hosted-console.js';
import { hostedReportPageRoutes } from '../routes/hosted-report-page.js';
import { intakeRoutes } from '../routes/intake.js';
import { metaRoutes } from '../routes/meta.js';
import { reportRoutes } from '../routes/reports.js';
import { oidcSignInRoutes } from '../routes/oidc-sign-in.js';
import { retentionRoutes } from '../routes/retention.js';
import { signInRoutes } from '../routes/sign-in.js';
import { siteRoutes } from '../routes/site.js';
import { statisticsRoutes } from '../routes/statistics.js';
import { wrappedKeyRoutes } from '../routes/wrapped-keys.js';

export interface AppOptions {
  /** Where log lines go (default stdout). */
  logStream?: NodeJS.WritableStream;
  /** Whether the public content's repeated GETs are answered from their kept bytes (http/answer-replay.ts); default true. */
  answerReplay?: boolean;
}

/** The answer replay of each app that has one (for tests that must know a replay happened). */
const replays = new WeakMap<FastifyInstance, AnswerReplay>();
export const answerReplayOf = (app: FastifyInstance): AnswerReplay | undefined => replays.get(app);

/**
 * Puts the answer replay in front of fastify's request handler; routes declared `replayable` join it
 * as they are registered. Not with the client's address in the log: that needs fastify's request.
 */
function installAnswerReplay(app: FastifyInstance, accessLog: BatchedAccessLog): void {
  const replay = new AnswerReplay({ newRequestId, log: accessLog.write });
  // Fastify marks itself closing just before its preClose hooks run.
  app.addHook('preClose', async () => replay.stop());
  app.addHook('onClose', async () => accessLog.flush());
  app.addHook('onRoute', (route) => {
    if ((route.config as { replayable?: boolean } | undefined)?.replayable) replay.routes.add(route.url);
  });
  const [fastifyHandler, ...others] = app.server.listeners('request') as ((request: IncomingMessage, response: ServerResponse) => void)[];
  if (!fastifyHandler || others.length > 0) throw new Error('expected fastify as the only request listener');
  app.server.removeListener('request', fastifyHandler);
  app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!replay.handle(request, response)) fastifyHandler(request, response);
  });
  replays.set(app, replay);
}

/** The prefix of every contract operation (the contract's base path). */
export const API_PREFIX = '/v1';

export async function buildApp(context: ServerContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = context;
  // pino's own default destination (standard output, asynchronous), made here so that the replayed
  // answers' log lines (http/answer-replay.ts) go to the same place.
  const logStream = options.logStream ?? pino.destination({ dest: 1, sync: false });
  const app = Fastify({
    logger: {
      level: config.log.level,
      stream: logStream,
      // Only what is needed to run the service: no bodies, query strings, headers or addresses.
      serializers: { req: () => ({}), res: () => ({}) },
    },
    // Fastify's own request lines would carry the URL with its query string; ours (access-log) do not.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: newRequestId,
    bodyLimit: config.limits.maxRequestBytes,
    trustProxy: config.trustProxy,
    requestTimeout: 60_000,
    frameworkErrors: answerFrameworkError,
    // While closing, requests on open connections are still answered (with problems if need be)
    // instead of fastify's own non-problem 503.
    return503OnClosing: false,
    clientErrorHandler: answerUnparsableRequest,
    // A request without Host is answered as a problem by the request-parsing plugin.
    http: { requireHostHeader: false },
  });

  if (options.answerReplay !== false && !config.log.clientIp) installAnswerReplay(app, batchedAccessLog(config.log.level, logStream));

  // Hooks run in the order the plugins are registered: base headers, CORS, then the request checks.
  await app.register(securityHeaders);
  await app.register(cors, { allowedOrigins: config.allowedOrigins });
  await app.register(requestParsing, { maxRequestBytes: config.limits.maxRequestBytes, maxAttachmentBytes: config.attachments.maxBytes });
  await app.register(accessLog, { clientIp: config.log.clientIp });
  await app.register(problemAnswers);

  for (const routes of [metaRoutes, contentRoutes, reportRoutes, followUpRoutes, caseRoutes, caseWorkRoutes, protocolRoutes, protocolDrillRoutes, checkInRoutes, handOverRoutes, intakeRoutes, signInRoutes, oidcSignInRoutes, wrappedKeyRoutes, accountRoutes, caseAccessRoutes, auditRoutes, retentionRoutes, statisticsRoutes, dilemmaRoutes]) {
    await app.register(routes, { prefix: API_PREFIX, context });
  }
  await app.register(hostedReportPageRoutes, { config, content: context.content });
  await app.register(hostedConsoleRoutes, { config });
  await app.register(demoOutboxRoutes, { context });
  await app.register(siteRoutes, { siteDir: config.siteDir, elementsDir: config.elementsDir });
  return app;
}
