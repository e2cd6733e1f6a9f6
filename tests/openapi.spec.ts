// The provider against its own OpenAPI document (OIDC_OPENAPI): the generic contract classes a schema-driven tool
// checks from a document — undeclared methods are refused with 405 and an Allow that lists the documented ones, a body
// that breaks the documented request schema is refused, a body it allows is not. Each check judges every documented
// path or request body the harness can address and names the rest, with the reason. Without OIDC_OPENAPI every check
// here is skipped, saying so. Findings say whether the document or the provider is off.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { OAS_DOCUMENT, DOCUMENT_OPERATION } from '../checks/catalogue/openapi.ts';
import { notApplicable } from '../checks/rules/verdict.ts';
import {
  PROBE_METHODS,
  asObject,
  fold,
  isAdminPath,
  judgeInvalidAnswer,
  judgeItem,
  judgeMethodProbes,
  judgeValidAnswer,
  notSendableReason,
  notesOf,
  parameterValue,
  schemaValidBody,
  sendable,
  wrongTypeBody,
  type ItemResult,
  type Sendable,
} from '../checks/rules/openapi-document.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import { managed, noteRotation, replacement } from '../scenarios/registration.ts';
import { attachJson } from '../fixtures/evidence.ts';
import type { CheckFixtures } from '../fixtures/check.ts';
import type { OpenApiContract, DocumentedOperation } from '../harness/schema/openapi.ts';
import type { RegisteredClient } from '../fixtures/clients.ts';
import type { HttpResponse } from '../harness/http/client.ts';

const NO_DOCUMENT =
  "no OpenAPI document was given: set OIDC_OPENAPI to the provider's own OpenAPI 3.0/3.1 JSON document (a path or a URL) to judge the provider against it";

function documentOf(openapi: OpenApiContract | undefined): OpenApiContract {
  if (!openapi) notApplicable(NO_DOCUMENT);
  return openapi;
}

/** What was judged and what was set aside, for the reader of the report (also when the check passes). */
async function report(results: ItemResult[]): Promise<void> {
  await attachJson('what this check judged', notesOf(results));
  for (const line of notesOf(results)) await test.step(line, async () => {});
}

const trimmed = (url: string) => url.replace(/\/+$/, '');

test.describe(`${DOCUMENT_OPERATION}: the provider against its own OpenAPI document (OIDC_OPENAPI)`, () => {
  check(OAS_DOCUMENT.METHOD_NOT_ALLOWED, async ({ openapi, settings, http, clients }) => {
    const doc = documentOf(openapi);
    let client: Promise<RegisteredClient> | undefined;
    const registeredClient = () => (client ??= managed(clients, sampleMetadata('openapi methods')));
    const results: ItemResult[] = [];
    for (const { template, methods } of doc.paths()) {
      const item = `${template} (documented: ${methods.join(', ')})`;
      results.push(
        await judgeItem(item, async () => {
          const params = template.match(/\{[^}]+\}/g) ?? [];
          const admin = isAdminPath(template);
          if (admin && !settings.adminUrl) notApplicable('an admin API path, and no admin API (OIDC_ADMIN_URL) is configured');
          const base = trimmed(admin ? settings.adminUrl! : settings.baseUrl);
          let path = template;
          if (params.length > 1) notApplicable(`${params.length} path parameters: the harness has no values for them`);
          if (params.length === 1) {
            if (parameterValue(template) !== 'registered-client') notApplicable(`no value the harness can supply for ${params[0]}`);
            path = template.replace(params[0]!, encodeURIComponent((await registeredClient()).clientId));
          }
          // Without credentials and without a body (a served method is then refused, never carried out); the admin API
          // gets its token, so DELETE is not sent there.
          const bearer = admin ? settings.adminToken : undefined;
          const undeclared = PROBE_METHODS.filter((m) => !methods.includes(m) && !(bearer && m === 'DELETE'));
          if (!undeclared.length) notApplicable('the document declares every method the harness would send');
          // The methods of one path at once (a document of a hundred paths must fit in the check's time).
          const probes = await Promise.all(
            undeclared.map(async (method) => ({ method, res: await http.send({ method, url: `${base}${path}`, bearer }) })),
          );
          return judgeMethodProbes(template, methods, probes);
        }),
      );
    }
    await report(results);
    fold(results, 'the document declares no paths');
  });

  /** The request bodies of the two operations the harness can send, each judged by `judgeOne`; the others set aside. */
  async function eachRequestBody(
    doc: OpenApiContract,
    judgeOne: (op: DocumentedOperation, kind: Sendable) => Promise<ItemResult>,
  ): Promise<void> {
    const results: ItemResult[] = [];
    for (const op of doc.operations()) {
      if (!doc.requestBody(op.method, op.template)) continue;
      const kind = sendable(op);
      results.push(
        kind
          ? await judgeItem(op.operation, () => judgeOne(op, kind))
          : { item: op.operation, verdict: 'skipped', reason: notSendableReason(op) },
      );
    }
    await report(results);
    fold(results, 'the document declares no operation with a JSON request body');
  }

  /** A registration create without credentials, unless the document asks for them. */
  function requireOpenCreate(doc: OpenApiContract, op: DocumentedOperation): void {
    if (doc.requiresCredentials(op.method, op.template))
      notApplicable(`the document asks for credentials (security) on ${op.operation}; the harness registers without`);
  }

  async function send(
    fx: Pick<CheckFixtures, 'clients' | 'http'>,
    kind: Sendable,
    body: unknown,
    client?: RegisteredClient,
  ): Promise<HttpResponse> {
    if (kind === 'create') {
      const object = asObject(body);
      return (object ? await fx.clients.register(object) : await fx.clients.registerRaw(JSON.stringify(body))).res;
    }
    const res = await fx.http.send({
      method: 'PUT',
      url: client!.uri,
      bearer: client!.token,
      ...(asObject(body) ? { json: body } : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    noteRotation(fx.clients, client!, res);
    return res;
  }

  check(OAS_DOCUMENT.INVALID_REFUSED, async ({ openapi, clients, http }) => {
    const doc = documentOf(openapi);
    await eachRequestBody(doc, async (op, kind) => {
      const request = doc.requestBody(op.method, op.template)!;
      if (kind === 'create') requireOpenCreate(doc, op);
      else clients.requireRegistration();
      const client = kind === 'replace' ? await managed(clients, sampleMetadata('openapi invalid replace')) : undefined;
      const base = kind === 'create' ? sampleMetadata('openapi invalid') : replacement(client!);
      const wrong = wrongTypeBody(doc, op, request.schema, base);
      if (!wrong) notApplicable(`the documented request schema of ${op.operation} types no member the harness can give another type`);
      return judgeInvalidAnswer(op, wrong, await send({ clients, http }, kind, wrong.body, client));
    });
  });

  check(OAS_DOCUMENT.VALID_ACCEPTED, async ({ openapi, clients, http, settings }) => {
    const doc = documentOf(openapi);
    await eachRequestBody(doc, async (op, kind) => {
      const request = doc.requestBody(op.method, op.template)!;
      if (kind === 'create') requireOpenCreate(doc, op);
      else clients.requireRegistration();
      const { body, seed } = await schemaValidBody(doc, op, request, settings.seed);
      const client = kind === 'replace' ? await managed(clients, sampleMetadata('openapi valid replace')) : undefined;
      return judgeValidAnswer(op, body, seed, await send({ clients, http }, kind, body, client));
    });
  });
});
