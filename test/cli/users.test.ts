// okr users and okr audit, spawned as a person runs them: a token shown once, roles listed, the
// trail of what the CLI and an HTTP caller wrote, and one clear line for each mistake.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AS_OF, FIXTURE, cleanup, tempDir } from "../helpers.js";
import { runOkr } from "./run-okr.js";

const okr = (...args: string[]) => runOkr([...args, "--data", data], { OKR_NOW: AS_OF, OKR_AUTHOR: "Chi" });

let data: string;
beforeAll(async () => {
  data = await tempDir();
  expect((await okr("import", FIXTURE)).code).toBe(0);
}, 30_000);
afterAll(cleanup);

describe("okr users", () => {
  it("adds a member with a token shown once, lists users without tokens, and renews and removes them", async () => {
    const added = await okr("users", "add", "ana", "--role", "member", "--team", "sales", "--team", "Product");
    expect(added.code).toBe(0);
    const token = /Token \(shown once; only its hash is stored\): (okr_\S+)/.exec(added.stdout)?.[1];
    expect(token).toMatch(/^okr_[A-Za-z0-9_-]{43}$/);
    expect(added.stdout).toContain("Added ana, member (Kinh doanh, Product).");
    expect((await okr("users", "add", "lee", "--role", "viewer")).code).toBe(0);
    const list = await okr("users");
    expect(list.stdout).toBe("name  role\nana   member (Kinh doanh, Product)\nlee   viewer\n");
    expect(list.stdout).not.toContain(token!);
    const json = JSON.parse((await okr("users", "--json")).stdout) as Record<string, unknown>[];
    expect(json.map((u) => u.name)).toEqual(["ana", "lee"]);
    expect(json.every((u) => !("tokenHash" in u))).toBe(true);

    const set = await okr("users", "set", "ana", "--team", "Engineering");
    expect(set.stdout).toBe("ana is now member (Engineering). Their token stays the same.\n");
    // Asking for what is already so writes nothing (the audit test below counts one change_user).
    expect((await okr("users", "set", "ana", "--team", "engineering")).code).toBe(0);
    expect((await okr("users", "set", "lee", "--role", "member")).stderr).toMatch(/give at least one --team/);
    expect((await okr("users", "set", "ana")).stderr).toMatch(/Say what changes/);

    const renewed = await okr("users", "token", "ana", "--json");
    expect(JSON.parse(renewed.stdout).token).not.toBe(token);
    expect((await okr("users", "remove", "lee")).stdout).toContain("Removed lee: their token no longer works.");
    expect((await okr("users")).stdout).not.toContain("lee");
  });

  it.each([
    [["users", "add", "bo"], /Give a role: --role viewer/],
    [["users", "add", "bo", "--role", "owner"], /role must be one of viewer, member, admin; got "owner"/],
    [["users", "add", "bo", "--role", "member"], /give at least one --team/],
    [["users", "add", "bo", "--role", "member", "--team", "Nope"], /No team "Nope" in this workspace\. Teams: Company, Customer Success/],
    [["users", "add", "bo", "--role", "viewer", "--team", "Product"], /--team is for members/],
    [["users", "add", "ANA", "--role", "viewer"], /There is already a user ANA/],
    [["users", "remove", "nobody"], /No user nobody\. Users: ana/],
    [["users", "frobnicate"], /Unknown okr users command "frobnicate"/],
    [["users", "add", "okr_http_token", "--role", "admin"], /OKR_HTTP_TOKEN names the shared admin token/],
  ])("refuses %j in one line, writing nothing", async (args, message) => {
    const before = (await okr("audit", "--json")).stdout;
    const r = await okr(...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect((await okr("audit", "--json")).stdout).toBe(before);
  });
});

describe("okr audit", () => {
  it("shows who wrote what, when and through which surface", async () => {
    expect((await okr("checkin", "KR2.1", "55", "--confidence", "4")).code).toBe(0);
    const r = await okr("audit", "--limit", "3");
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}Chi \(admin, cli\) {2}log_check_in KR2\.1: 55 on 2026-11-26, confidence 4$/);
    const all = JSON.parse((await okr("audit", "--json", "--limit", "1000")).stdout) as { action: string }[];
    expect(all.map((a) => a.action)).toEqual(["import", "add_user", "add_user", "change_user", "new_user_token", "remove_user", "log_check_in"]);
    expect((await okr("audit", "--limit", "0")).stderr).toMatch(/--limit/);
  });
});
