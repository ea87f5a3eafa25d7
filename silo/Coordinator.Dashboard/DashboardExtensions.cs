using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coordinator.Dashboard;

/// <summary>
/// Serves the web dashboard under <see cref="Prefix"/>. The pages hold no data and need no token: every
/// number they show comes from /api/v1, called from the browser with the bearer token the user pastes,
/// so the API's roles and the two-person rule apply exactly as to any other HTTP client.
/// </summary>
public static class DashboardExtensions
{
    public const string Prefix = "/ui";

    private const string IndexPath = "index.html";

    // Everything from this origin, nothing inline, no frames: a pasted token never meets foreign script.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Maps GET and HEAD /ui (the page) and /ui/{path} (its scripts, styles and icon), outside the OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapCoordinatorDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var assets = DashboardAssets.Load();
        if (!assets.ContainsKey(IndexPath))
        {
            throw new InvalidOperationException($"the dashboard's {IndexPath} is not embedded in {typeof(DashboardExtensions).Assembly.GetName().Name}");
        }

        var group = app.MapGroup(Prefix).AllowAnonymous().ExcludeFromDescription();
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        group.MapMethods(string.Empty, methods, (HttpContext context) => Serve(context, assets, IndexPath));
        group.MapMethods("/{**path}", methods, (HttpContext context, string? path) => Serve(context, assets, string.IsNullOrEmpty(path) ? IndexPath : path));
        return app;
    }

    private static IResult Serve(HttpContext context, FrozenDictionary<string, DashboardAsset> assets, string path)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        if (!assets.TryGetValue(path, out var asset))
        {
            return Results.NotFound();
        }

        // Revalidated on every load, so a silo upgrade shows its new pages at once.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        return context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(tag => tag.Trim() == asset.ETag))
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(asset.Content, asset.ContentType);
    }
}
