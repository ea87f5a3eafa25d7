using Coordinator.Operations.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Coordinator.Api.Problems;

/// <summary>Turns whatever an operation threw into its problem document; an unexpected failure is logged, never shown.</summary>
public sealed partial class ApiErrorFilter(ILogger<ApiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The caller went away (a long-poll cut short): nobody is left to answer.
            return Results.Empty;
        }
        catch (Exception ex)
        {
            var error = OperationErrors.Classify(ex);
            if (error.Kind == ErrorKind.Unexpected)
            {
                LogUnexpected(logger, ex, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            }

            var preconditionGiven = context.HttpContext.Request.Headers.ContainsKey(HeaderNames.IfMatch);
            return ApiProblems.Result(ApiProblems.From(error, preconditionGiven));
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "HTTP API: unexpected failure of {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
