using Coordinator.Api.Problems;
using Coordinator.Campaigns.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coordinator.Api.Endpoints;

/// <summary>The JSON Schemas of the campaign spec and the manifest, for editors; the same files ship in infra/schemas/.</summary>
public static class SchemaEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/schemas/{name}", (string name) => DocumentSchemas.All.TryGetValue(name, out var schema)
                ? Results.Text(schema(), "application/schema+json")
                : ApiProblems.Result(ApiProblems.Create(
                    StatusCodes.Status404NotFound, "NotFound", "Not found", $"no schema '{name}'; known: {string.Join(", ", DocumentSchemas.All.Keys)}", [])))
            .WithName("GetSchema").AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "application/schema+json").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A JSON Schema for editors: campaign-spec.schema.json or manifest.schema.json (no token needed).");
}
