/**
 * fast-check arbitraries that build VALID scenario documents (schema and cross-field rules):
 * random horizons, hospitals, workflows, options with every kind of cost line, funding,
 * realization modes, stop rules and pilots that scale up into a buy or build option.
 * Numbers are mostly integers or whole percentages so that counterexamples read easily.
 */
import fc from 'fast-check';

import {
  COST_CATEGORIES,
  HOSPITAL_GRADES,
  HOSPITAL_TYPES,
  ROLE_IDS,
  type RoleId,
  type ScenarioInput,
} from '~/engine';

export type OptionInput = ScenarioInput['options'][number];
export type EffectInput = OptionInput['effects'][number];
export type CostLineInput = OptionInput['costLines'][number];
export type FundingInput = NonNullable<OptionInput['funding']>[number];
export type LineKind = CostLineInput['kind'];
export type RealizationInput = NonNullable<NonNullable<ScenarioInput['realization']>[RoleId]>;

export const LINE_KINDS: readonly LineKind[] = [
  'oneTime',
  'recurring',
  'perUnit',
  'staffing',
  'onPremCompute',
  'cloudTokens',
  'modelLifecycle',
  'custom',
];

/** Expressions of custom lines; some go negative or infinite on purpose (the engine must skip those). */
export const CUSTOM_EXPRESSIONS = [
  'tasks * 0.1',
  'beds * 5',
  '100 + month * 10',
  'if(month > 6, 1000, 0)',
  'nurses * 20 + physicians * 30',
  'visits * 0.01',
  'adoption * 5000',
  'max(0, hoursFreed) * 2',
  'k * tasks',
  'hoursFreed * 3',
  'year * 100 - 150',
  // A hospital may have no beds: 0 / 0 is no amount, which validation refuses.
  'visits / max(beds, 1)',
] as const;

/** Whole percentages in [min, max] (given as shares). */
export const share = (min = 0, max = 1): fc.Arbitrary<number> =>
  fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((v) => v / 100);
const int = (min: number, max: number) => fc.integer({ min, max });
const rate = (min = -0.1, max = 0.2) => share(min, max);
const category = fc.constantFrom(...COST_CATEGORIES);
const monthIn = (H: number) => int(1, H);

/** A start month and, sometimes, an end month not before it. */
const startEnd = (H: number) =>
  monthIn(H).chain((startMonth) =>
    fc.record(
      { startMonth: fc.constant(startMonth), endMonth: int(startMonth, H) },
      { requiredKeys: ['startMonth'] },
    ),
  );

/** Two records merged into one object. */
const merge = <A extends object, B extends object>(a: fc.Arbitrary<A>, b: fc.Arbitrary<B>) =>
  fc.tuple(a, b).map(([x, y]) => ({ ...x, ...y }));

export interface LineContext {
  /** Horizon in months. */
  H: number;
  /** Workflows the option has effects on (for `workflowIds`). */
  effectWorkflowIds: readonly string[];
  /** Whether lines may carry `committedUntilMonth`. */
  committed: boolean;
}

function common(id: string, ctx: LineContext) {
  return fc.record(
    {
      id: fc.constant(id),
      name: fc.constant(id),
      committedUntilMonth: ctx.committed ? monthIn(ctx.H) : fc.constant(undefined),
    },
    { requiredKeys: ['id', 'name'] },
  );
}

const workflowIdsOf = (ctx: LineContext) =>
  fc.option(fc.subarray([...ctx.effectWorkflowIds]), { nil: undefined });

/** Graduated tiers: strictly increasing bounds, the last one open (as validation requires). */
const tiersArb = fc
  .tuple(fc.array(fc.record({ step: int(1, 20000), unitPrice: share(0, 3) }), { minLength: 1, maxLength: 3 }))
  .map(([steps]) => {
    let bound = 0;
    return steps.map((s, i) => {
      bound += s.step;
      const last = i === steps.length - 1;
      return { upToUnits: last ? null : bound, unitPrice: s.unitPrice };
    });
  });

export function costLineArb(kind: LineKind, id: string, ctx: LineContext): fc.Arbitrary<CostLineInput> {
  const { H } = ctx;
  const base = common(id, ctx);
  // Prices quoted before VAT cost the hospital the tax on top; staff costs carry none.
  const vat =
    kind === 'staffing'
      ? fc.constant(undefined)
      : fc.option(fc.record({ included: fc.boolean(), rate: share(0, 0.2) }), { nil: undefined });
  const withBase = <T extends object>(arb: fc.Arbitrary<T>): fc.Arbitrary<CostLineInput> =>
    fc
      .tuple(base, arb, vat)
      .map(([b, rest, v]) => ({ ...b, ...rest, ...(v ? { vat: v } : {}) }) as unknown as CostLineInput);
  switch (kind) {
    case 'oneTime':
      return withBase(
        fc.record(
          {
            kind: fc.constant('oneTime' as const),
            category,
            month: monthIn(H),
            amount: int(0, 2_000_000),
            capex: fc.boolean(),
            usefulLifeYears: int(1, 10),
            resaleShareOnStop: share(),
            maintenanceSharePerYear: share(0, 0.3),
          },
          { requiredKeys: ['kind', 'category', 'month', 'amount'] },
        ),
      );
    case 'recurring':
      return withBase(
        merge(
          fc.record(
            {
              kind: fc.constant('recurring' as const),
              category,
              amount: int(0, 200_000),
              period: fc.constantFrom('month' as const, 'year' as const),
              escalatorPerYear: rate(),
            },
            { requiredKeys: ['kind', 'category', 'amount', 'period'] },
          ),
          startEnd(H),
        ),
      );
    case 'perUnit':
      return withBase(
        fc
          .tuple(
            fc.constantFrom(
              'bed' as const,
              'seat' as const,
              'task' as const,
              'call' as const,
              'millionTokens' as const,
            ),
            fc.boolean(),
          )
          .chain(([unit, useTiers]) => {
            const perBedOrSeat = unit === 'bed' || unit === 'seat';
            const tiered = useTiers && !perBedOrSeat;
            return merge(
              fc.record(
                {
                  kind: fc.constant('perUnit' as const),
                  category,
                  unit: fc.constant(unit),
                  unitPrice: tiered
                    ? fc.constant(undefined)
                    : unit === 'millionTokens'
                      ? int(0, 100)
                      : share(0, 50),
                  tiers: tiered ? tiersArb : fc.constant(undefined),
                  tierPeriod: fc.constantFrom('month' as const, 'year' as const),
                  pricePer: fc.constantFrom('month' as const, 'year' as const),
                  seatsAtFullAdoption: int(0, 200),
                  callsPerTask: int(0, 3),
                  tokensPerTask: int(0, 5000),
                  workflowIds: workflowIdsOf(ctx),
                  priceChangePerYear: rate(),
                },
                {
                  requiredKeys: [
                    'kind',
                    'category',
                    'unit',
                    ...(tiered ? (['tiers'] as const) : (['unitPrice'] as const)),
                    ...(unit === 'millionTokens' ? (['tokensPerTask'] as const) : []),
                  ],
                },
              ),
              startEnd(H),
            );
          }),
      );
    case 'staffing':
      return withBase(
        merge(
          fc.record(
            {
              kind: fc.constant('staffing' as const),
              category,
              role: fc.constantFrom('AI engineer', 'data steward', 'clinical informatician'),
              fte: share(0, 3),
              annualCostPerFte: int(0, 400_000),
              hiringDelayMonths: int(0, 12),
              wageGrowthPerYear: rate(),
            },
            { requiredKeys: ['kind', 'role', 'fte', 'annualCostPerFte'] },
          ),
          startEnd(H),
        ),
      );
    case 'onPremCompute':
      return withBase(
        fc.record(
          {
            kind: fc.constant('onPremCompute' as const),
            workflowIds: workflowIdsOf(ctx),
            tokensPerTask: int(0, 5000),
            workingHoursPerDay: int(1, 24),
            workingDaysPerYear: int(1, 366),
            peakFactor: int(1, 5),
            tokensPerSecondPerServer: int(1, 5000),
            targetUtilization: share(0.05, 1),
            minServers: int(0, 3),
            serversOverride: int(0, 5),
            capexPerServer: int(0, 1_000_000),
            purchaseMonth: monthIn(H),
            usefulLifeYears: int(1, 6),
            kwPerServer: share(0, 5),
            pue: share(1, 2),
            electricityPricePerKwh: share(0, 2),
            maintenanceSharePerYear: share(0, 0.2),
            resaleShareOnStop: share(),
          },
          {
            requiredKeys: [
              'kind',
              'tokensPerTask',
              'tokensPerSecondPerServer',
              'capexPerServer',
              'kwPerServer',
              'pue',
              'electricityPricePerKwh',
              'maintenanceSharePerYear',
            ],
          },
        ),
      );
    case 'cloudTokens':
      return withBase(
        merge(
          fc.record(
            {
              kind: fc.constant('cloudTokens' as const),
              category,
              workflowIds: workflowIdsOf(ctx),
              inputTokensPerTask: int(0, 5000),
              outputTokensPerTask: int(0, 2000),
              pricePerMillionInputTokens: int(0, 60),
              pricePerMillionOutputTokens: int(0, 120),
              priceDeclinePerYear: share(),
            },
            {
              requiredKeys: [
                'kind',
                'inputTokensPerTask',
                'outputTokensPerTask',
                'pricePerMillionInputTokens',
                'pricePerMillionOutputTokens',
              ],
            },
          ),
          startEnd(H),
        ),
      );
    case 'modelLifecycle':
      return withBase(
        fc.record(
          {
            kind: fc.constant('modelLifecycle' as const),
            upgradeEveryMonths: int(1, 36),
            firstUpgradeMonth: monthIn(H),
            revalidationRole: fc.constantFrom(...ROLE_IDS),
            revalidationHoursPerUpgrade: int(0, 200),
            revalidationFeePerUpgrade: int(0, 50_000),
            retrainingCostPerUpgrade: int(0, 200_000),
            driftMonitoringPerMonth: int(0, 10_000),
            exitCost: int(0, 500_000),
            exitMonth: monthIn(H),
            startMonth: monthIn(H),
          },
          { requiredKeys: ['kind', 'upgradeEveryMonths', 'revalidationHoursPerUpgrade'] },
        ),
      );
    case 'custom':
      return withBase(
        merge(
          fc.record({
            kind: fc.constant('custom' as const),
            category,
            expression: fc.constantFrom(...CUSTOM_EXPRESSIONS),
          }),
          startEnd(H),
        ),
      );
  }
}

export function fundingArb(id: string, H: number): fc.Arbitrary<FundingInput> {
  const fixed = fc
    .tuple(
      fc.record({
        kind: fc.constant('fixed' as const),
        id: fc.constant(id),
        name: fc.constant(id),
        source: fc.constantFrom('grant' as const, 'researchBudget' as const, 'computeVoucher' as const),
        amount: int(0, 500_000),
        period: fc.constantFrom('once' as const, 'month' as const, 'year' as const),
      }),
      startEnd(H),
    )
    .map(([a, b]): FundingInput => ({ ...a, ...b }));
  const shareOfCost = fc
    .tuple(
      fc.record(
        {
          kind: fc.constant('shareOfCost' as const),
          id: fc.constant(id),
          name: fc.constant(id),
          source: fc.constantFrom('grant' as const, 'computeVoucher' as const, 'other' as const),
          category,
          share: share(),
          capPerYear: int(0, 1_000_000),
        },
        { requiredKeys: ['kind', 'id', 'name', 'source', 'category', 'share'] },
      ),
      startEnd(H),
    )
    .map(([a, b]): FundingInput => ({ ...a, ...b }));
  return fc.oneof(fixed, shareOfCost);
}

const adoptionArb = (H: number) =>
  fc.record(
    {
      ceiling: share(),
      goLiveMonth: monthIn(H),
      rampMonths: int(0, 36),
      curve: fc.constantFrom('linear' as const, 'sCurve' as const),
    },
    { requiredKeys: ['ceiling', 'goLiveMonth', 'rampMonths'] },
  );

export function effectArb(workflowId: string, H: number): fc.Arbitrary<EffectInput> {
  const measured = fc.record(
    {
      basis: fc.constant('measured' as const),
      workflowId: fc.constant(workflowId),
      scopeShare: share(),
      adoption: adoptionArb(H),
      evidence: fc.constant({ kind: 'measured' as const, n: 20 }),
      minutesWithAiPerTask: int(0, 40),
      verificationMinutesPerTask: int(0, 15),
    },
    {
      requiredKeys: [
        'basis',
        'workflowId',
        'adoption',
        'evidence',
        'minutesWithAiPerTask',
        'verificationMinutesPerTask',
      ],
    },
  );
  const claimed = fc.record(
    {
      basis: fc.constant('claimed' as const),
      workflowId: fc.constant(workflowId),
      scopeShare: share(),
      adoption: adoptionArb(H),
      evidence: fc.constant({ kind: 'claimed' as const, source: 'vendor' }),
      claimedReduction: share(),
      fit: share(),
      verificationMinutesPerTask: int(0, 10),
      errorRate: share(0, 0.5),
      correctionMinutesPerError: int(0, 30),
    },
    {
      requiredKeys: [
        'basis',
        'workflowId',
        'adoption',
        'evidence',
        'claimedReduction',
        'fit',
        'errorRate',
        'correctionMinutesPerError',
      ],
    },
  );
  return fc.oneof(measured, claimed);
}

export interface OptionConfig {
  lineKinds: readonly LineKind[];
  maxLines: number;
  committed: boolean;
  stopRules: boolean;
  funding: boolean;
}

/** A buy or build option (no pilot) over some of the scenario's workflows. */
export function plainOptionArb(
  id: string,
  H: number,
  workflowIds: readonly string[],
  cfg: OptionConfig,
  kind?: 'buy' | 'build',
): fc.Arbitrary<OptionInput> {
  return fc
    .subarray([...workflowIds], { minLength: Math.min(1, workflowIds.length) })
    .chain((wf) => optionBody(id, H, wf, cfg, kind ? fc.constant(kind) : fc.constantFrom('buy', 'build')));
}

function optionBody(
  id: string,
  H: number,
  wf: readonly string[],
  cfg: OptionConfig,
  kindArb: fc.Arbitrary<'buy' | 'build' | 'pilot'>,
): fc.Arbitrary<OptionInput> {
  const ctx: LineContext = { H, effectWorkflowIds: wf, committed: cfg.committed };
  const lines =
    cfg.lineKinds.length === 0
      ? fc.constant([] as CostLineInput[])
      : fc
          .array(fc.constantFrom(...cfg.lineKinds), { maxLength: cfg.maxLines })
          .chain((kinds) => fc.tuple(...kinds.map((k, i) => costLineArb(k, `l${i}`, ctx))));
  const funding = cfg.funding
    ? fc
        .array(fc.nat(), { maxLength: 2 })
        .chain((xs) => fc.tuple(...xs.map((_, i) => fundingArb(`f${i}`, H))))
    : fc.constant([] as FundingInput[]);
  const stopRule =
    cfg.stopRules && wf.length > 0
      ? fc.option(
          fc.record(
            {
              checkMonth: monthIn(H),
              minNetMinutesPerTask: int(-10, 10),
              workflowId: fc.constantFrom(...wf),
            },
            { requiredKeys: ['checkMonth', 'minNetMinutesPerTask'] },
          ),
          { nil: undefined },
        )
      : fc.constant(undefined);
  return fc
    .record({
      kind: kindArb,
      effects: fc.tuple(...wf.map((w) => effectArb(w, H))),
      costLines: lines,
      funding,
      stopRule,
      // A public tender moves a bought or built option's month 1 later.
      tenderMonths: fc.option(int(1, 6), { nil: undefined, freq: 4 }),
    })
    .map(({ kind, effects, costLines, funding, stopRule, tenderMonths }) => {
      const o: OptionInput = { id, name: id, kind, effects, costLines, funding };
      if (stopRule) o.stopRule = stopRule;
      if (tenderMonths !== undefined && kind !== 'pilot') o.tenderMonths = tenderMonths;
      return o;
    });
}

/** A pilot on some workflows that scales up into `targetId`. */
export function pilotOptionArb(
  id: string,
  H: number,
  workflowIds: readonly string[],
  targetId: string,
  cfg: OptionConfig,
): fc.Arbitrary<OptionInput> {
  return fc.subarray([...workflowIds], { minLength: Math.min(1, workflowIds.length) }).chain((wf) =>
    fc
      .tuple(
        optionBody(id, H, wf, cfg, fc.constant('pilot')),
        monthIn(H).chain((startMonth) =>
          fc.record(
            {
              startMonth: fc.constant(startMonth),
              durationMonths: int(1, Math.min(60, H - startMonth + 1)),
              decisionRule: fc.record(
                {
                  minNetMinutesPerTask: int(-10, 10),
                  workflowId: wf.length > 0 ? fc.constantFrom(...wf) : fc.constant(undefined),
                },
                { requiredKeys: ['minNetMinutesPerTask'] },
              ),
              scaleUpOptionId: fc.constant(targetId),
              leadMonths: int(0, 12),
            },
            { requiredKeys: ['durationMonths', 'decisionRule', 'scaleUpOptionId'] },
          ),
        ),
      )
      .map(([option, pilot]) => ({ ...option, pilot })),
  );
}

const roleProfileArb = fc.record(
  {
    headcount: int(0, 200),
    annualCostPerFte: int(30, 400).map((v) => v * 1000),
    paidHoursPerYear: int(1000, 2500),
    overtimeMultiplier: share(1, 3),
  },
  { requiredKeys: ['headcount', 'annualCostPerFte', 'paidHoursPerYear'] },
);

const realizationArb: fc.Arbitrary<RealizationInput> = fc.oneof(
  fc.record(
    { mode: fc.constant('avoidedStaffing' as const), maxFte: int(0, 20) },
    { requiredKeys: ['mode'] },
  ),
  fc.record(
    {
      mode: fc.constant('throughput' as const),
      redeployedShare: share(),
      minutesPerVisit: int(1, 30),
      contributionMarginPerVisit: int(0, 300),
      maxExtraVisitsPerYear: int(0, 50_000),
    },
    { requiredKeys: ['mode', 'redeployedShare', 'minutesPerVisit', 'contributionMarginPerVisit'] },
  ),
  fc.constant({ mode: 'notRealized' as const }),
);

export interface ScenarioConfig extends OptionConfig {
  minYears: number;
  maxYears: number;
  minOptions: number;
  maxOptions: number;
  /** Add a pilot (scaling up into one of the buy/build options): never, sometimes or always. */
  pilot: 'never' | 'sometimes' | 'always';
  /** Line kinds of the pilot itself (default: lineKinds). */
  pilotLineKinds?: readonly LineKind[];
  /** Roles the hospital always has. */
  requireRoles: readonly RoleId[];
}

export const DEFAULT_CONFIG: ScenarioConfig = {
  minYears: 1,
  maxYears: 10,
  minOptions: 0,
  maxOptions: 3,
  pilot: 'sometimes',
  lineKinds: LINE_KINDS,
  maxLines: 6,
  committed: true,
  stopRules: true,
  funding: true,
  requireRoles: [],
};

export function scenarioArb(overrides: Partial<ScenarioConfig> = {}): fc.Arbitrary<ScenarioInput> {
  const cfg: ScenarioConfig = { ...DEFAULT_CONFIG, ...overrides };
  return int(cfg.minYears, cfg.maxYears).chain((years) => {
    const H = years * 12;
    const rolesArb = fc
      .subarray([...ROLE_IDS], { minLength: 1 })
      .map((roles) => [...new Set([...roles, ...cfg.requireRoles])] as RoleId[]);
    return rolesArb.chain((roles) => {
      const hospitalRoles = fc
        .tuple(...roles.map(() => roleProfileArb))
        .map((profiles) => Object.fromEntries(roles.map((r, i) => [r, profiles[i]!])));
      const workflows = fc
        .array(
          fc.record({
            role: fc.constantFrom(...roles),
            volumeDriver: fc.constantFrom(
              'outpatientVisit' as const,
              'inpatientDay' as const,
              'discharge' as const,
              'bed' as const,
              'month' as const,
            ),
            tasksPerDriverUnit: share(0, 3),
            baselineMinutesPerTask: int(0, 40),
          }),
          { minLength: 1, maxLength: 4 },
        )
        .map((ws) =>
          ws.map((w, i) => ({
            id: `w${i}`,
            name: `workflow ${i}`,
            ...w,
            // A per-month driver counts tasks per month directly: give it a hospital-sized volume.
            tasksPerDriverUnit:
              w.volumeDriver === 'month' ? w.tasksPerDriverUnit * 1000 : w.tasksPerDriverUnit,
            baselineEvidence: { kind: 'measured' as const, n: 30 },
          })),
        );
      return workflows.chain((wfs) => {
        const ids = wfs.map((w) => w.id);
        const options = int(cfg.minOptions, cfg.maxOptions).chain((n) => {
          const plain = fc.tuple(
            ...Array.from({ length: n }, (_, i) => plainOptionArb(`o${i}`, H, ids, cfg)),
          ) as fc.Arbitrary<OptionInput[]>;
          const withPilot =
            cfg.pilot === 'never'
              ? fc.constant(false)
              : cfg.pilot === 'always'
                ? fc.constant(true)
                : fc.boolean();
          return fc.tuple(plain, withPilot).chain(([opts, addPilot]) => {
            if (!addPilot) return fc.constant(opts);
            // A pilot needs a buy or build option to scale into: add one if there is none.
            const target =
              opts.length > 0 ? fc.constant(opts) : plainOptionArb('o0', H, ids, cfg).map((o) => [o]);
            return target.chain((all) =>
              fc
                .constantFrom(...all.map((o) => o.id))
                .chain((targetId) =>
                  pilotOptionArb('pilot', H, ids, targetId, {
                    ...cfg,
                    lineKinds: cfg.pilotLineKinds ?? cfg.lineKinds,
                  }),
                )
                .map((pilot) => [...all, pilot]),
            );
          });
        });
        return fc
          .record({
            discountRate: share(0, 0.2),
            hospital: fc.record(
              {
                name: fc.constant('Generated hospital'),
                type: fc.constantFrom(...HOSPITAL_TYPES),
                grade: fc.constantFrom(...HOSPITAL_GRADES),
                beds: int(0, 2000),
                occupancy: share(),
                outpatientVisitsPerYear: int(0, 2_000_000),
                dischargesPerYear: int(0, 100_000),
                volumeGrowthPerYear: rate(),
                seasonality: fc.array(share(0, 2), { minLength: 12, maxLength: 12 }),
                roles: hospitalRoles,
                wageGrowthPerYear: rate(-0.05, 0.1),
              },
              {
                requiredKeys: [
                  'name',
                  'type',
                  'grade',
                  'beds',
                  'occupancy',
                  'outpatientVisitsPerYear',
                  'dischargesPerYear',
                  'roles',
                  'wageGrowthPerYear',
                ],
              },
            ),
            budget: fc.record(
              {
                informatizationBaseAnnual: int(0, 10_000).map((v) => v * 1000),
                informatizationGrowthPerYear: rate(),
                // Some years or all: the years left out grow from the last one given.
                informatizationByYear: fc.array(
                  int(0, 10_000).map((v) => v * 1000),
                  { minLength: 1, maxLength: years },
                ),
                aiShare: share(),
              },
              { requiredKeys: ['informatizationBaseAnnual', 'aiShare'] },
            ),
            realization: fc.record(
              Object.fromEntries(ROLE_IDS.map((r) => [r, realizationArb])) as Record<
                RoleId,
                fc.Arbitrary<RealizationInput>
              >,
              { requiredKeys: [] },
            ),
            options,
          })
          .map((r): ScenarioInput => ({
            schemaVersion: 2,
            name: 'Generated scenario',
            currency: 'CNY',
            startYear: 2027,
            horizonYears: years,
            discountRate: r.discountRate,
            hospital: r.hospital,
            budget: r.budget,
            workflows: wfs,
            realization: r.realization,
            // Re-validation is costed at a hospital role: point it at one the hospital has.
            options: r.options.map((o) => ({
              ...o,
              costLines: o.costLines.map((l) =>
                l.kind === 'modelLifecycle' && !roles.includes(l.revalidationRole ?? 'physician')
                  ? { ...l, revalidationRole: roles[0]! }
                  : l,
              ),
            })),
            variables: { k: 3 },
          }));
      });
    });
  });
}
