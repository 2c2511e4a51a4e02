def service(request):
    user = getattr(request, "user", None)
    prison = getattr(user, "caseload_prison", None) if user and user.is_authenticated else None
    return {"service_name": "Resettle", "user_prison": prison}
