// Starts GOV.UK Frontend and MoJ Frontend. It is a file rather than the inline snippet of the GOV.UK
// template so that the Content Security Policy can forbid inline scripts.
import * as govuk from "../js/govuk-frontend.min.js";
import * as moj from "../js/moj-frontend.min.js";

// GOV.UK components only enhance a page whose body carries this class; module scripts run only in
// browsers that support GOV.UK Frontend, so adding it here is the template's feature test.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
govuk.initAll();
moj.initAll();

// A job in progress (an import): ask the server how far it has got every few seconds, say so in the
// page's status line, and go on to the result when it is over. Without scripts, the page's own link does.
for (const element of document.querySelectorAll("[data-module='app-job-progress']")) {
  const status = element.querySelector("[role='status']");
  const every = Number(element.dataset.pollSeconds) * 1000;
  const poll = async () => {
    const response = await fetch(element.dataset.statusUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const job = await response.json();
    if (job.over) {
      window.location.assign(job.next);
      return;
    }
    status.textContent = job.progress;
    window.setTimeout(poll, every);
  };
  window.setTimeout(poll, every);
}
