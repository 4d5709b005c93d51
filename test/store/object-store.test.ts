// A workspace in object storage, reached by two server instances at once: LanceDB on an S3-compatible
// server (s3rver) with DynamoDB (dynalite) as the commit store, both started here on 127.0.0.1.
// Each instance sees the other's writes, and concurrent writers lose and duplicate nothing.

import { mkdtemp } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import dynalite from "dynalite";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OkrService } from "../../src/service/okr-service.js";
import { LanceStore } from "../../src/store/lance-store.js";
import { AS_OF, FIXTURE, cleanup, importPath } from "../helpers.js";

let s3: S3rver;
let ddb: ReturnType<typeof dynalite>;
let storageOptions: Record<string, string>;
const URI = "s3+ddb://okr/acme?ddbTableName=okr_commits";

beforeAll(async () => {
  s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: await mkdtemp(join(tmpdir(), "okr-s3-")), configureBuckets: [{ name: "okr" }] });
  const { port } = await s3.run();
  ddb = dynalite({ createTableMs: 0 });
  await new Promise<void>((r) => ddb.listen(0, "127.0.0.1", r));
  const ddbPort = (ddb.address() as AddressInfo).port;
  // The commit table LanceDB expects: keyed by base_uri (S) and version (N).
  const created = await fetch(`http://127.0.0.1:${ddbPort}/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": "DynamoDB_20120810.CreateTable",
      "x-amz-date": "20260101T000000Z",
      authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0",
    },
    body: JSON.stringify({
      TableName: "okr_commits",
      AttributeDefinitions: [
        { AttributeName: "base_uri", AttributeType: "S" },
        { AttributeName: "version", AttributeType: "N" },
      ],
      KeySchema: [
        { AttributeName: "base_uri", KeyType: "HASH" },
        { AttributeName: "version", KeyType: "RANGE" },
      ],
      BillingMode: "PAY_PER_REQUEST",
    }),
  });
  expect(created.status).toBe(200);
  storageOptions = {
    aws_access_key_id: "S3RVER",
    aws_secret_access_key: "S3RVER",
    aws_region: "us-east-1",
    aws_endpoint: `http://127.0.0.1:${port}`,
    allow_http: "true",
    dynamodb_endpoint: `http://127.0.0.1:${ddbPort}`,
  };
}, 60_000);

afterAll(async () => {
  await s3?.close();
  ddb?.close();
  await cleanup();
});

const instance = async () => new OkrService(await LanceStore.open(URI, { storageOptions }), () => new Date("2026-11-26T12:00:00Z"));

describe("a workspace in object storage, two instances", () => {
  it("shares one workspace: each sees the other's writes, and concurrent check-ins all land once", async () => {
    const a = await instance();
    await importPath(a, FIXTURE);
    expect((await a.tree(AS_OF)).length).toBe(9);
    const b = await instance();
    expect((await b.tree(AS_OF)).length).toBe(9);
    const before = { kr21: (await a.keyResult("KR2.1", AS_OF)).checkIns.length, kr91: (await a.keyResult("KR9.1", AS_OF)).checkIns.length };

    // Both instances write at once, several times each.
    await Promise.all([
      ...[50, 51, 52].map((v) => a.checkIn({ kr: "KR2.1", value: v, confidence: 3, note: `a ${v}` }, AS_OF)),
      ...[86, 87, 88].map((v) => b.checkIn({ kr: "KR9.1", value: v, confidence: 4, note: `b ${v}` }, AS_OF)),
    ]);

    for (const svc of [a, b]) {
      const kr21 = (await svc.keyResult("KR2.1", AS_OF)).checkIns;
      const kr91 = (await svc.keyResult("KR9.1", AS_OF)).checkIns;
      expect(kr21.length).toBe(before.kr21 + 3);
      expect(kr91.length).toBe(before.kr91 + 3);
      expect(
        kr21
          .filter((c) => c.note.startsWith("a "))
          .map((c) => c.value)
          .sort(),
      ).toEqual([50, 51, 52]);
      expect(
        kr91
          .filter((c) => c.note.startsWith("b "))
          .map((c) => c.value)
          .sort(),
      ).toEqual([86, 87, 88]);
    }
    // A third instance, started afterwards, reads the same.
    const c = await instance();
    expect((await c.keyResult("KR9.1", AS_OF)).checkIns.length).toBe(before.kr91 + 3);
    await Promise.all([a.close(), b.close(), c.close()]);
  }, 120_000);
});
