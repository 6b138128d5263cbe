export default function HomePage() {
  return (
    <main id="main" className="hero">
      <section className="hero-card" aria-labelledby="hero-title">
        <p className="badge">Coming soon</p>
        <h1 id="hero-title">Marquee — tickets for live events</h1>
        <p>
          Our storefront is on its way: browse events, choose your seats on a live seat map and get
          your tickets by email.
        </p>
      </section>
    </main>
  );
}
