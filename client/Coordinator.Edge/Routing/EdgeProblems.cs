using Microsoft.AspNetCore.Http;

namespace Coordinator.Edge.Routing;

/// <summary>RFC 9457 problems the edge answers itself (never the other arm's answer).</summary>
internal static class EdgeProblems
{
    public static Task WriteAsync(HttpContext context, string type, string title, string detail, ArmRoute? route)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["service"] = route?.Service.Service,
            ["region"] = route?.Region,
            ["arm"] = route?.Active?.Arm.ToWire(),
            ["epoch"] = route?.Active?.Epoch,
        };
        return Results.Problem(
                detail: detail,
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: title,
                type: "urn:coordinator:problem:edge-" + type,
                extensions: extensions)
            .ExecuteAsync(context);
    }
}
