import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsView } from '@contract';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { managerActions } from './actions';

const isoDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The last 30 days up to today (the browser's calendar; main reads them in the shop's time zone). */
export function defaultPeriod(now = new Date()): { from: string; to: string } {
  const from = new Date(now);
  from.setDate(from.getDate() - 29);
  return { from: isoDay(from), to: isoDay(now) };
}

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="manager-tile" data-testid={testId}>
      <span className="manager-tile__label">{label}</span>
      <span className="manager-tile__value">{value}</span>
    </div>
  );
}

/** Statistics over a chosen period: figures, messages per day and cases per type as charts. */
export function StatsTab() {
  const { t, i18n } = useTranslation();
  const [period, setPeriod] = useState(defaultPeriod);
  const [stats, setStats] = useState<StatsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const locale = i18n.language === 'de' ? 'de-DE' : 'en-GB';
  const pct = (v: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  const num = (v: number, digits = 1) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  const duration = (s: number) =>
    s < 120 ? t('manager.stats.seconds', { value: num(s, 0) }) : s < 7200 ? t('manager.stats.minutes', { value: num(s / 60) }) : t('manager.stats.hours', { value: num(s / 3600) });
  const dayLabel = (date: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit' }).format(new Date(y, m - 1, d));
  };

  const load = async (): Promise<void> => {
    setLoading(true);
    setError(null);
    try {
      setStats(await managerActions.stats(period.from, period.to));
    } catch (err) {
      setError(errorText(t, toApiError(err)));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const cases = stats
    ? Object.entries(stats.casesByType).map(([type, c]) => ({ type: t(`manager.caseTypes.${type}`, { defaultValue: type }), count: c.count, median: c.medianHoursToDone }))
    : [];

  return (
    <section className="settings-section manager-section" aria-labelledby="manager-stats-title">
      <h3 id="manager-stats-title" className="settings-section__title">
        {t('manager.tabs.stats')}
      </h3>
      <p className="settings-section__hint">{t('manager.stats.intro')}</p>
      <form
        className="manager-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <label className="settings-field">
          <span className="settings-field__label">{t('manager.stats.from')}</span>
          <input className="input" type="date" required data-testid="stats-from" value={period.from} onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))} />
        </label>
        <label className="settings-field">
          <span className="settings-field__label">{t('manager.stats.to')}</span>
          <input className="input" type="date" required data-testid="stats-to" value={period.to} onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))} />
        </label>
        <button type="submit" className="btn btn--primary manager-filters__go" data-testid="stats-show" disabled={loading}>
          {t('manager.stats.show')}
        </button>
      </form>
      {error && (
        <p className="settings__status settings__status--error" role="alert" data-testid="stats-error">
          {t('manager.failed', { message: error })}
        </p>
      )}
      {!stats && !error && <p className="manager-empty">{t('manager.loading')}</p>}
      {stats && (
        <>
          <div className="manager-tiles" data-testid="stats-tiles">
            <Tile label={t('manager.stats.optIns')} value={num(stats.optIns, 0)} testId="stat-optIns" />
            <Tile label={t('manager.stats.optOuts')} value={num(stats.optOuts, 0)} testId="stat-optOuts" />
            <Tile label={t('manager.stats.optOutRate')} value={pct(stats.optOutRate)} testId="stat-optOutRate" />
            <Tile label={t('manager.stats.medianFirstReply')} value={duration(stats.medianFirstReplySeconds)} testId="stat-firstReply" />
            <Tile label={t('manager.stats.readRate')} value={pct(stats.readRate)} testId="stat-readRate" />
            <Tile label={t('manager.stats.botResolved')} value={pct(stats.botResolvedShare)} testId="stat-botResolved" />
          </div>
          <p className="settings-field__hint">{t('manager.stats.definitions')}</p>
          <h4 className="manager-chart__title" id="stats-messages-title">
            {t('manager.stats.messagesPerDay')}
          </h4>
          <div className="manager-chart" data-testid="stats-messages-chart" role="img" aria-labelledby="stats-messages-title">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={stats.messagesPerDay} margin={{ top: 8, right: 16, left: 0, bottom: 4 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
                <XAxis dataKey="date" tickFormatter={dayLabel} tick={{ fill: 'var(--muted)', fontSize: 12 }} minTickGap={12} />
                <YAxis allowDecimals={false} tick={{ fill: 'var(--muted)', fontSize: 12 }} width={40} />
                <Tooltip labelFormatter={(d) => dayLabel(String(d))} />
                <Legend />
                <Bar dataKey="in" name={t('manager.stats.in')} fill="var(--info)" isAnimationActive={false} />
                <Bar dataKey="out" name={t('manager.stats.out')} fill="var(--accent)" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <h4 className="manager-chart__title" id="stats-cases-title">
            {t('manager.stats.cases')}
          </h4>
          {cases.length === 0 ? (
            <p className="manager-empty">{t('manager.stats.noCases')}</p>
          ) : (
            <div className="manager-cases">
              <div className="manager-chart manager-chart--small" data-testid="stats-cases-chart" role="img" aria-labelledby="stats-cases-title">
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={cases} layout="vertical" margin={{ top: 4, right: 16, left: 8, bottom: 4 }}>
                    <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
                    <XAxis type="number" allowDecimals={false} tick={{ fill: 'var(--muted)', fontSize: 12 }} />
                    <YAxis type="category" dataKey="type" width={110} tick={{ fill: 'var(--text)', fontSize: 12 }} />
                    <Tooltip />
                    <Bar dataKey="count" name={t('manager.stats.casesCount')} fill="var(--accent)" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
              <table className="manager-table manager-table--compact" data-testid="stats-cases-table">
                <thead>
                  <tr>
                    <th scope="col">{t('manager.stats.caseType')}</th>
                    <th scope="col">{t('manager.stats.casesCount')}</th>
                    <th scope="col">{t('manager.stats.casesMedian')}</th>
                  </tr>
                </thead>
                <tbody>
                  {cases.map((c) => (
                    <tr key={c.type}>
                      <td>{c.type}</td>
                      <td className="manager-table__num">{num(c.count, 0)}</td>
                      <td className="manager-table__num">{c.median === null ? t('manager.stats.notDone') : num(c.median)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
