using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Coordinator.Api;

/// <summary>What the generated document says beyond the endpoints: its title, and that calls carry a bearer token.</summary>
internal static class OpenApiDocumentSetup
{
    public const string BearerScheme = "bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer(Describe);
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Endpoints.RequestBodyType>().FirstOrDefault() is { } body)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new()
                        {
                            Schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken),
                            Example = Bodies.RequestExamples.For(body.Type),
                        },
                    },
                };
            }
        });
    }

    private static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Coordinator HTTP API";
        document.Info.Description =
            "Active arms (with ETag, If-None-Match and long-poll), flips, leases, consumer pointers and campaigns of a Coordinator "
            + "cluster. Errors are RFC 9457 problem documents whose type is stable per error code (urn:coordinator:problem:*).";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = BearerScheme,
            Description = "A token configured for a principal (as its SHA-256) with roles reader, writer, operator, approver.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
        return Task.CompletedTask;
    }
}
