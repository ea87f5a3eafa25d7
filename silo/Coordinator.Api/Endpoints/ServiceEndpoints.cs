using System.Security.Claims;
using Coordinator.Api.Auth;
using Coordinator.Operations.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coordinator.Api.Endpoints;

/// <summary>The fleet (every service with its regions) and who the caller is: what a dashboard needs before anything else.</summary>
public static class ServiceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/services", ListAsync).WithName("ListServices").RequireRoles(ApiRoles.ReadPolicy).Answers<List<ServiceSummary>>()
            .WithSummary("Every service that has a region, in name order, each with its regions.");
        api.MapGet("/whoami", WhoAmI).WithName("WhoAmI").RequireRoles(ApiRoles.ReadPolicy).Answers<WhoAmIResponse>()
            .WithSummary("The principal the bearer token authenticates and its roles; 401 for no or an unknown token.");
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains) =>
        TypedResults.Json(await ServiceOperations.ListAsync(grains), ApiJson.Options);

    private static IResult WhoAmI(ClaimsPrincipal user, ApiOptions options) =>
        TypedResults.Json(new WhoAmIResponse(
            RegionEndpoints.Principal(user),
            [.. ApiRoles.All.Where(user.IsInRole)],
            options.IsOpen ? AuthenticationModes.None : AuthenticationModes.Tokens), ApiJson.Options);
}

/// <summary>The caller: its principal name (what audit chains record and the two-person rule compares), its roles, and whether tokens are checked at all.</summary>
public sealed record WhoAmIResponse(string Principal, IReadOnlyList<string> Roles, string Authentication);
