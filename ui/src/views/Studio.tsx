export function StudioView() {
  return (
    <div class="page">
      <header class="page-head">
        <h1>Studio</h1>
      </header>
      <section class="card coming" data-testid="studio-coming">
        <h2>Coming with the studio feature</h2>
        <p>
          Podcasts and audiobooks made from your documents — several voices, chapters, long-form jobs that run in the
          background — will live here. The server does not offer studio jobs yet, so there is nothing to show.
        </p>
        <p class="muted">
          Until then: answers in Chat have a <strong>Listen</strong> button, and Voice mode talks with you in real time.
        </p>
      </section>
    </div>
  );
}
