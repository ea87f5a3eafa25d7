using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coordinator.Api.Endpoints;

/// <summary>
/// What the OpenAPI document cannot infer from handlers that read their bodies themselves (to name every
/// bad value by JSON path): the body type, the answer type, and the problems each endpoint can answer.
/// </summary>
internal static class EndpointDocs
{
    /// <summary>
    /// Documents a JSON body of <typeparamref name="TBody"/>. Not <c>Accepts</c>: that would let routing turn away other
    /// content types before the handler, so the caller would get a bare 415 instead of the problem document.
    /// </summary>
    public static RouteHandlerBuilder Takes<TBody>(this RouteHandlerBuilder builder)
        where TBody : notnull =>
        builder.WithMetadata(new RequestBodyType(typeof(TBody)))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    public static RouteHandlerBuilder Answers<TResult>(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK) =>
        builder.Produces<TResult>(status, "application/json");

    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}

/// <summary>The JSON body an endpoint reads itself; <see cref="OpenApiDocumentSetup"/> writes it into the document.</summary>
internal sealed record RequestBodyType(Type Type);
