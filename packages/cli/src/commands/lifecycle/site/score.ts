import type { components } from '@boh/sdk';
import type { Context } from '../../../runtime/context.js';
import { toJson } from '../../../output/format.js';
import { renderTable } from '../../../output/table.js';
import { dateOption } from '../../finance-options.js';
import { forPeople, formatFen } from '../format.js';
import { numberOption } from './options.js';

type Score = components['schemas']['SiteScore'];
type Model = components['schemas']['SiteModel'];

export interface ScoreOptions {
  from?: string;
  to?: string;
  level?: string;
  radius?: string;
  store?: string;
}

function windowQuery(context: Context, options: ScoreOptions) {
  return {
    from: options.from === undefined ? undefined : dateOption(context, '--from', options.from),
    to: options.to === undefined ? undefined : dateOption(context, '--to', options.to),
  };
}

function modelSummary(context: Context, model: Model): string {
  return context.t('site.model.summary', {
    used: model.stores_used,
    from: model.window.from,
    to: model.window.to,
    lambda: Number(model.lambda.toPrecision(3)),
    loo_r2: model.loo_r2.toFixed(3),
    rmse: formatFen(model.loo_rmse_fen_per_m2),
  });
}

/** Rank the candidates: predicted monthly sales, interval, top drivers and cannibalisation. */
export async function scoreSites(context: Context, options: ScoreOptions): Promise<void> {
  const report = await context.client().sites.score({
    ...windowQuery(context, options),
    level: numberOption('--level', options.level),
    radius_m: numberOption('--radius', options.radius),
    store_code: options.store,
  });
  if (context.json) {
    context.io.stdout.write(toJson(report));
    return;
  }
  context.info(modelSummary(context, report.model));
  const columns = [
    { header: context.t('site.score.column.rank'), value: (score: Score) => (score.rank === null ? '-' : String(score.rank)), numeric: true },
    { header: context.t('site.score.column.site'), value: (score: Score) => `${score.store_code} ${score.name}` },
    {
      header: context.t('site.score.column.predicted'),
      value: (score: Score) => (score.predicted_monthly_sales_fen === null ? context.t('site.score.incomplete', { missing: score.missing }) : formatFen(score.predicted_monthly_sales_fen)),
      numeric: true,
    },
    {
      header: context.t('site.score.column.interval', { level: Math.round(report.level * 100) }),
      value: (score: Score) => (score.interval ? `${formatFen(score.interval.lower_fen)} – ${formatFen(score.interval.upper_fen)}` : ''),
    },
    {
      header: context.t('site.score.column.drivers'),
      value: (score: Score) => score.drivers.slice(0, 3).map((driver) => `${driver.attribute} ${driver.effect_fen >= 0 ? '+' : ''}${formatFen(driver.effect_fen)}`).join(', '),
    },
    { header: context.t('site.score.column.nearest'), value: (score: Score) => (score.nearest_store ? `${score.nearest_store.store_code} ${score.nearest_store.distance_m} m` : '') },
    {
      header: context.t('site.score.column.warning'),
      value: (score: Score) => (score.cannibalisation.warning ? context.t('site.score.warning', { count: score.cannibalisation.stores.length, radius: score.cannibalisation.radius_m }) : ''),
    },
  ];
  context.io.stdout.write(renderTable(report.candidates, columns, forPeople(context)));
}

/** Fit the model and print its summary and coefficients. */
export async function showModel(context: Context, options: ScoreOptions): Promise<void> {
  const model = await context.client().sites.model(windowQuery(context, options));
  if (context.json) {
    context.io.stdout.write(toJson(model));
    return;
  }
  context.info(modelSummary(context, model));
  const columns = [
    { header: context.t('site.model.column.attribute'), value: (feature: Model['features'][number]) => (feature.transform === 'log1p' ? `ln(1 + ${feature.attribute})` : feature.attribute) },
    { header: context.t('site.model.column.coefficient'), value: (feature: Model['features'][number]) => formatFen(feature.coefficient), numeric: true },
    { header: context.t('site.model.column.per_unit'), value: (feature: Model['features'][number]) => feature.coefficient_per_unit.toPrecision(4), numeric: true },
  ];
  context.io.stdout.write(renderTable(model.features, columns, forPeople(context)));
}
