"use client";

import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import { formatMoney } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";

// Sales move while the page is open; a few seconds behind is close enough for an organizer.
const REFRESH_MS = 5_000;

const percent = (part: number, total: number) =>
  total === 0 ? "0%" : `${((part / total) * 100).toFixed(1)}%`;

/** Sold / held / available seats (catalog's seat map) and revenue (ordering's confirmed orders). */
export function SalesPanel({ eventId }: { eventId: string }) {
  const sales = trpc.organizer.sales.useQuery({ eventId }, { refetchInterval: REFRESH_MS });

  return (
    <section aria-labelledby="sales-title" className="panel stack">
      <h2 id="sales-title">Sales</h2>
      {sales.isPending ? (
        <LoadingState label="Loading sales…" />
      ) : sales.isError ? (
        <ErrorNotice message={sales.error.message} onRetry={() => void sales.refetch()} />
      ) : (
        <>
          {sales.data.seats ? (
            <>
              <dl className="stats" aria-label="Seats">
                {(["sold", "held", "available"] as const).map((state) => (
                  <div key={state} className="stat" data-state={state}>
                    <dt>{state[0]?.toUpperCase() + state.slice(1)}</dt>
                    <dd data-testid={`seats-${state}`}>
                      {(sales.data.seats?.[state] ?? 0).toLocaleString("en-GB")}
                    </dd>
                    <dd className="stat-note">
                      {percent(sales.data.seats?.[state] ?? 0, sales.data.seats?.total ?? 0)}
                    </dd>
                  </div>
                ))}
              </dl>
              <div
                className="sales-bar"
                role="img"
                aria-label={`${percent(sales.data.seats.sold, sales.data.seats.total)} sold, ${percent(sales.data.seats.held, sales.data.seats.total)} held`}
              >
                <span
                  data-state="sold"
                  style={{ width: percent(sales.data.seats.sold, sales.data.seats.total) }}
                />
                <span
                  data-state="held"
                  style={{ width: percent(sales.data.seats.held, sales.data.seats.total) }}
                />
              </div>
            </>
          ) : (
            <p>No seats yet.</p>
          )}
          {sales.data.sections.length > 0 ? (
            <table className="data-table">
              <caption className="visually-hidden">Seats by section</caption>
              <thead>
                <tr>
                  <th scope="col">Section</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Sold</th>
                  <th scope="col">Held</th>
                  <th scope="col">Available</th>
                </tr>
              </thead>
              <tbody>
                {sales.data.sections.map((section) => (
                  <tr key={section.name}>
                    <th scope="row">{section.name}</th>
                    <td>
                      {section.tier} · {formatMoney(section.priceCents, section.currency)}
                    </td>
                    <td>{section.sold.toLocaleString("en-GB")}</td>
                    <td>{section.held.toLocaleString("en-GB")}</td>
                    <td>{section.available.toLocaleString("en-GB")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="stat revenue">
            <p className="stat-label">Revenue</p>
            {sales.data.revenue ? (
              <>
                <p className="stat-value" data-testid="revenue">
                  {formatMoney(sales.data.revenue.revenueCents, sales.data.revenue.currency)}
                </p>
                <p className="stat-note">
                  {sales.data.revenue.ordersConfirmed.toLocaleString("en-GB")} confirmed orders ·{" "}
                  {sales.data.revenue.seatsSold.toLocaleString("en-GB")} seats
                </p>
              </>
            ) : (
              <p className="stat-note" role="status">
                Revenue is not available right now. {sales.data.revenueError}
              </p>
            )}
          </div>
        </>
      )}
    </section>
  );
}
