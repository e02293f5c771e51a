import { notFound } from '../../http/api-error.js';
import type { Handler } from '../../http/handler.js';
import { fitSiteModel, loadSiteFacts, scoreSite } from './model.js';

const getSiteModel: Handler<'getSiteModel'> = async (c) => {
  const model = await fitSiteModel(c.db, {
    from: c.query.from,
    to: c.query.to,
    minDaysPerMonth: c.query.min_days_per_month,
    minMonths: c.query.min_months,
  });
  return { status: 200, body: model.summary };
};

/**
 * Score the candidate sites and rank them by predicted monthly sales; sites that cannot be scored
 * follow, unranked, in code order.
 */
const scoreSites: Handler<'scoreSites'> = async (c) => {
  const level = c.query.level ?? 0.8;
  const radiusMetres = c.query.radius_m ?? 500;
  const only = c.query.store_code;
  const facts = only ? await loadSiteFacts(c.db, [only]) : (await loadSiteFacts(c.db)).filter((site) => site.stage === 'site_selection');
  if (only && facts.length === 0) throw notFound('store', only);

  const model = await fitSiteModel(c.db, {
    from: c.query.from,
    to: c.query.to,
    minDaysPerMonth: c.query.min_days_per_month,
    minMonths: c.query.min_months,
  });
  const scores = facts.map((site) => scoreSite(model, site, { level, radiusMetres }));
  const scored = scores
    .filter((score) => score.status === 'scored')
    .sort((a, b) => b.predicted_monthly_sales_fen! - a.predicted_monthly_sales_fen! || (a.store_code < b.store_code ? -1 : 1));
  const unscored = scores.filter((score) => score.status !== 'scored');
  const candidates = [...scored.map((score, index) => ({ ...score, rank: index + 1 })), ...unscored.map((score) => ({ ...score, rank: null }))];
  return { status: 200, body: { model: model.summary, level, cannibalisation_radius_m: radiusMetres, candidates } };
};

export const scoreHandlers = { getSiteModel, scoreSites };
