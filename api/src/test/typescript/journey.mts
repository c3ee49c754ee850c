// A client developer's journey through Hearth with types generated from the public API document couple-service serves
// (GET /v1/openapi: the four services' documents joined; openapi-typescript) and openapi-fetch: two people pair, check in, play the 36 questions, set a reminder, read
// insights, export their data and erase themselves. `tsc --strict` typechecks it; TypeScriptClientTest runs it against
// the test stack (no entry point there: one client per service, all typed by the one document). No non-null assertion
// (`x!`) anywhere: what the document marks required is typed as present.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import createClient from "openapi-fetch";
import type { paths } from "hearth/hearth-api";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
}

/** The four typed clients of one person. */
function clientsOf(token: string) {
  const headers = { Authorization: `Bearer ${token}` };
  return {
    couples: createClient<paths>({ baseUrl: env("HEARTH_COUPLES_URL"), headers }),
    exercises: createClient<paths>({ baseUrl: env("HEARTH_EXERCISES_URL"), headers }),
    reminders: createClient<paths>({ baseUrl: env("HEARTH_REMINDERS_URL"), headers }),
    insights: createClient<paths>({ baseUrl: env("HEARTH_INSIGHTS_URL"), headers }),
  };
}

/** The answer's body, or the problem it was refused with as the error. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) {
    throw new Error(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

const alice = clientsOf(env("HEARTH_ALICE_TOKEN"));
const bob = clientsOf(env("HEARTH_BOB_TOKEN"));
const aliceId = env("HEARTH_ALICE_ID");

// Pairing: an invitation (retried with the same Idempotency-Key: one invitation), accepted by its code.
const key = randomUUID();
const invite = () =>
  alice.couples.POST("/v1/invitations", {
    body: { relationshipKind: "ROMANTIC" },
    params: { header: { "Idempotency-Key": key } },
  });
const invitation = ok(await invite(), "createInvitation");
const replay = await invite();
assert.equal(ok(replay, "createInvitation again").id, invitation.id);
assert.equal(replay.response.headers.get("Idempotent-Replayed"), "true");
if (invitation.code === null) throw new Error("the creating answer carries the code");
const couple = ok(
  await bob.couples.POST("/v1/invitations/accept", { body: { code: invitation.code } }),
  "acceptInvitationWithCode",
);
assert.equal(couple.members.length, 2);
const coupleId = couple.id;
const path = { path: { coupleId } };

// A couple read is one of two views, told apart by `view`.
const read = ok(await alice.couples.GET("/v1/couples/{coupleId}", { params: path }), "getCouple");
if (read.view !== "member") throw new Error(`a member reads the member view, not ${read.view}`);
assert.equal(read.pauseWord, null);
assert.ok(read.members.some((m) => m.partnerId === aliceId));

// Check-ins: the partner's answers appear once both submitted; a private note never.
const answers = {
  mood: "CONTENT",
  moodIntensity: 3,
  closeness: 5,
  satisfaction: 6,
  screenTime: "1_TO_3H",
  gratitude: "the walk",
} as const;
const mine = ok(
  await alice.exercises.POST("/v1/couples/{coupleId}/check-ins", {
    params: path,
    body: { ...answers, privateNote: "only mine" },
  }),
  "submitCheckIn",
);
assert.equal(mine.partnerSubmitted, false);
ok(
  await bob.exercises.POST("/v1/couples/{coupleId}/check-ins", { params: path, body: answers }),
  "submitCheckIn (bob)",
);
const both = ok(
  await bob.exercises.GET("/v1/couples/{coupleId}/check-ins/{period}", {
    params: { path: { coupleId, period: mine.period } },
  }),
  "getCheckIn",
);
if (both.view !== "member") throw new Error("a member reads the member view");
if (both.partner === null) throw new Error("both submitted: the partner's answers are shown");
assert.equal(both.partner.gratitude, "the walk");
assert.ok(!JSON.stringify(both).includes("only mine"));

// Intense work waits for the safety agreements: a pause word, then each member confirms.
const agreed = ok(
  await alice.couples.PATCH("/v1/couples/{coupleId}", {
    params: { ...path, header: { "If-Match": "*" } },
    body: { pauseWord: "pineapple" },
  }),
  "updateCouple",
);
assert.equal(agreed.safetyAgreements.inForce, false);
for (const member of [alice, bob]) {
  ok(
    await member.couples.PUT("/v1/couples/{coupleId}/safety-agreements/mine", {
      params: path,
      body: { confirmed: true },
    }),
    "setMySafetyAgreements",
  );
}
const confirmed = ok(await bob.couples.GET("/v1/couples/{coupleId}", { params: path }), "getCouple");
if (confirmed.view !== "member" || !confirmed.safetyAgreements.inForce) {
  throw new Error("both confirmed: the agreements are in force");
}

// The 36 questions, in turns: each answer is revealed once both answered.
const session = ok(
  await alice.exercises.POST("/v1/couples/{coupleId}/sessions", {
    params: path,
    body: { exerciseSlug: "thirty-six-questions-rewired" },
  }),
  "startSession",
);
const sessionPath = { path: { coupleId, sessionId: session.id } };
for (const prompt of session.prompts.slice(0, 3)) {
  const params = { path: { ...sessionPath.path, position: prompt.position } };
  ok(
    await alice.exercises.PUT("/v1/couples/{coupleId}/sessions/{sessionId}/prompts/{position}/answer", {
      params,
      body: { answer: `alice on ${prompt.position}` },
    }),
    "answerPrompt",
  );
  ok(
    await bob.exercises.PUT("/v1/couples/{coupleId}/sessions/{sessionId}/prompts/{position}/answer", {
      params,
      body: { answer: `bob on ${prompt.position}` },
    }),
    "answerPrompt (bob)",
  );
}
const played = ok(
  await alice.exercises.GET("/v1/couples/{coupleId}/sessions/{sessionId}", { params: sessionPath }),
  "getSession",
);
assert.equal(played.progress?.answeredByBoth, 3);
assert.equal(played.prompts[0]?.partner?.answer, `bob on ${played.prompts[0]?.position}`);

// A reminder, with its ETag for a later conditional change.
const created = await alice.reminders.POST("/v1/me/reminders", {
  body: { kind: "GRATITUDE", title: "Say thank you", rrule: "FREQ=DAILY", timeOfDay: "21:30" },
});
const reminder = ok(created, "createMyReminder");
assert.equal(reminder.timeOfDay, "21:30");
assert.ok(created.response.headers.get("ETag"));
assert.ok(created.response.headers.get("Location")?.endsWith(reminder.id));

// Insights, once the couple reached insights-service (an event).
let insights;
for (let attempt = 0; insights === undefined; attempt++) {
  const answer = await bob.insights.GET("/v1/couples/{coupleId}/insights", { params: path });
  if (answer.data !== undefined) insights = answer.data;
  else if (answer.response.status !== 404 || attempt > 120) throw new Error(`getInsights: ${answer.response.status}`);
  else await new Promise((resolve) => setTimeout(resolve, 250));
}
assert.equal(insights.coupleId, coupleId);
for (const insight of insights.insights) assert.ok(insight.sentence.length > 0);

// Export: one document with every service's part, each typed (the exercise part's check-ins with their notes).
const exported = ok(await alice.couples.GET("/v1/me/export"), "exportMyData");
assert.equal(exported.personId, aliceId);
assert.equal(exported.services["couple-service"].held.profile.id, aliceId);
const exercisePart = exported.services["exercise-service"];
assert.ok(exercisePart !== null, "the exercise part is there");
assert.ok(exercisePart.held.checkIns.some((c) => c.privateNote === "only mine"));
assert.ok(exported.services["reminder-service"] !== null && exported.services["insights-service"] !== null);

// Erasure: the profile is gone, and the token no longer works.
const erased = await alice.couples.DELETE("/v1/me");
assert.ok(erased.response.ok, `eraseMe: ${erased.response.status}`);
const after = await alice.couples.GET("/v1/me");
assert.equal(after.response.status, 401);
assert.equal(after.error?.type, "https://hearth.app/problems/account-erased");
console.log(`journey done: couple ${coupleId}`);
