from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """`?page=N&page_size=M`: 50 a page unless asked, never more than 500, so no request reads the nation."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
