# Import and export routes, mounted under /<language>/organizations/ by organizations.urls.
urlpatterns: list = []
