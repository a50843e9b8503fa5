/**
 * The demo's world: a small project's beads (priorities, dependencies, an epic, urgent and
 * security labels, a bead pinned to a model), simulated worker types on three tiers, two
 * subscription plans and a pay-per-token model with a budget.
 */

const DAY = 86_400_000;

const TITLES: readonly (readonly [string, number, readonly string[]])[] = [
  ["Fix login redirect loop on expired sessions", 0, ["bug", "urgent"]],
  ["Rotate API signing keys without downtime", 0, ["security"]],
  ["Design the plugin architecture for exporters", 1, ["architecture"]],
  ["Add rate limiting to the public API", 1, []],
  ["Paginate the audit log endpoint", 2, []],
  ["Cache compiled templates", 2, ["performance"]],
  ["Migrate settings page to the new form library", 2, []],
  ["Write integration tests for billing webhooks", 1, ["tests"]],
  ["Flaky test: scheduler drift under load", 1, ["bug", "hotfix"]],
  ["Document the release process", 3, ["docs"]],
  ["Dark mode for the status page", 3, []],
  ["Remove the legacy CSV importer", 3, ["cleanup"]],
  ["Add CSV export to reports", 2, []],
  ["Retry failed emails with backoff", 2, []],
  ["Show build duration trends", 3, []],
  ["Support SSO with OIDC", 1, ["security"]],
  ["Health check endpoint for load balancers", 2, []],
  ["Upgrade the ORM to the next major version", 2, []],
  ["Trim container image size", 3, []],
  ["Keyboard shortcuts in the editor", 4, []],
  ["Typo sweep in onboarding emails", 4, ["docs"]],
  ["Index the orders table by customer", 2, ["performance"]],
  ["Webhook signature verification", 1, ["security"]],
  ["Split the monolith's auth module", 1, ["architecture"]],
  ["Translate error messages", 3, []],
  ["Benchmark the search service", 2, ["model:sim-opus"]],
];

/**
 * The demo beads as classic `issues.jsonl` lines.
 *
 * @param now the current time (ages are relative to it)
 * @param count how many beads (up to the sample's size, plus an epic)
 * @returns JSONL text
 */
export function demoBeadsJsonl(now: number, count: number): string {
  const n = Math.max(2, Math.min(count, TITLES.length + 1));
  const lines: Record<string, unknown>[] = [{
    id: "demo-1",
    title: "Epic: harden the platform before launch",
    status: "open",
    priority: 1,
    issue_type: "epic",
    created_at: new Date(now - 9 * DAY).toISOString(),
    updated_at: new Date(now - 9 * DAY).toISOString(),
  }];
  for (let i = 0; i < n - 1; i++) {
    const [title, priority, labels] = TITLES[i] as (typeof TITLES)[number];
    const id = `demo-${i + 2}`;
    const deps: Record<string, unknown>[] = [];
    if (i % 5 === 4) deps.push({ issue_id: id, depends_on_id: `demo-${i}`, type: "blocks" });
    if (i % 7 === 6) deps.push({ issue_id: id, depends_on_id: "demo-1", type: "parent-child" });
    const created = new Date(now - ((i * 37) % 9) * DAY - i * 3_600_000).toISOString();
    lines.push({
      id,
      title,
      description: `${title}. Simulated work for the FORGE demo.`,
      status: "open",
      priority,
      issue_type: labels.includes("bug") ? "bug" : "task",
      ...(labels.length > 0 ? { labels } : {}),
      ...(deps.length > 0 ? { dependencies: deps } : {}),
      created_at: created,
      updated_at: created,
    });
  }
  return `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;
}

/** How the demo's simulated workers behave: a few seconds per bead, some failures and limits. */
const SIM_ENV = 'environment: { SIM_WORK_SECONDS: "6", SIM_CALL_SECONDS: "1", SIM_FAIL_PCT: "8", ' +
  'SIM_LIMIT_PCT: "4", SIM_LIMIT_RESET_SECONDS: "60" }\n';

function simWorker(name: string, model: string, tier: string, price: string, extra = ""): string {
  return `name: ${name}\nlauncher: sim\nmodel: ${model}\ntier: ${tier}\n` +
    `cost_per_million_tokens: ${price}\n${extra}${SIM_ENV}`;
}

/** Worker configs of the demo: simulated models on three tiers and one pay-per-token model. */
export const DEMO_WORKERS: Readonly<Record<string, string>> = {
  "sim-opus": simWorker(
    "sim-opus",
    "sim-opus",
    "premium",
    "{ input: 15, output: 75 }",
    "max_workers: 1\n",
  ),
  "sim-sonnet": simWorker("sim-sonnet", "sim-sonnet", "standard", "{ input: 3, output: 15 }"),
  "sim-haiku": simWorker("sim-haiku", "sim-haiku", "budget", "{ input: 1, output: 5 }"),
  "sim-gpt": simWorker("sim-gpt", "sim-gpt-5", "standard", "{ input: 1.25, output: 10 }"),
};

/**
 * The demo's config.yaml: four workers at once, a Claude-style plan with a rolling 5-hour token
 * window for the opus and sonnet models, a monthly request plan for haiku, and a budget.
 *
 * @returns YAML text
 */
export function demoConfigYaml(): string {
  return [
    "config_version: 1",
    "max_workers: 4",
    "routing:",
    "  workers: [sim-opus, sim-sonnet, sim-haiku, sim-gpt]",
    "subscriptions:",
    "  - name: claude-max",
    "    models: [sim-opus, sim-sonnet]",
    "    unit: tokens",
    "    limit: 400000",
    "    window: { kind: rolling, hours: 5 }",
    "    monthly_cost: 200",
    "  - name: glm-coding",
    "    models: [sim-haiku]",
    "    unit: requests",
    "    limit: 300",
    "    window: { kind: monthly, day: 1 }",
    "    monthly_cost: 15",
    "budget:",
    "  monthly_usd: 50",
    "recovery:",
    "  restart_base_seconds: 2",
    "",
  ].join("\n");
}
