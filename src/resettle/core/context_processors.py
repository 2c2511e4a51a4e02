from django.urls import reverse


def service(request):
    user = getattr(request, "user", None)
    prison = getattr(user, "caseload_prison", None) if user and user.is_authenticated else None
    return {
        "service_name": "Resettle",
        "user_prison": prison,
        "service_navigation": _navigation(request, prison),
    }


def _navigation(request, prison) -> list[dict]:
    """The service navigation's links, marking the one for the page being shown."""
    match = getattr(request, "resolver_match", None)
    here = (match.url_name, match.kwargs.get("prison_code")) if match else (None, None)
    items = []
    if prison is not None:
        items.append(
            {
                "text": "Caseload",
                "href": reverse("caseload", args=[prison.code]),
                "active": here == ("caseload", prison.code),
            }
        )
        items.append(
            {
                "text": "Readiness",
                "href": reverse("dashboard", args=[prison.code]),
                "active": here == ("dashboard", prison.code) or here[0] == "worklist",
            }
        )
    items.append({"text": "My cases", "href": reverse("my-caseload"), "active": here[0] == "my-caseload"})
    items.append({"text": "Prisons", "href": reverse("prison-list"), "active": here[0] == "prison-list"})
    items.append(
        {
            "text": "Calculate release dates",
            "href": reverse("calculate"),
            "active": here[0] in ("calculate", "calculate-json"),
        }
    )
    scope = getattr(request, "scope", None)
    if scope is not None and scope.is_administrator:
        items.append(
            {
                "text": "Import records",
                "href": reverse("import"),
                "active": here[0] in ("import", "import-report"),
            }
        )
    return items
