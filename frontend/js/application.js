// Starts GOV.UK Frontend and MoJ Frontend. It is a file rather than the inline snippet of the GOV.UK
// template so that the Content Security Policy can forbid inline scripts.
import * as govuk from "../js/govuk-frontend.min.js";
import * as moj from "../js/moj-frontend.min.js";

// GOV.UK components only enhance a page whose body carries this class; module scripts run only in
// browsers that support GOV.UK Frontend, so adding it here is the template's feature test.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
govuk.initAll();
moj.initAll();
