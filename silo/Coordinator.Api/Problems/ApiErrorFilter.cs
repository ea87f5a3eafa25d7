using Coordinator.Operations.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
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
            // Stop waiting when the request is timed out or abandoned: grain calls take no token, and the
            // timeout's 504 must not wait for them (what they do is the "outcome unknown" it reports).
            return await next(context).AsTask().WaitAsync(context.HttpContext.RequestAborted);
        }
        catch (OperationCanceledException) when (context.HttpContext.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true)
        {
            // Timed out: the request-timeout middleware answers 504 with its problem document.
            throw;
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The caller went away (a long-poll cut short): nobody is left to answer.
            return Results.Empty;
        }
        catch (Exception ex) when (context.HttpContext.Response.HasStarted)
        {
            // A stream already under way cannot turn into a problem document: end it; the client resumes.
            LogStreamEnded(logger, ex, context.HttpContext.Request.Path);
            context.HttpContext.Abort();
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

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "HTTP API: stream {Path} ended by a failure; the client resumes with its Last-Event-ID")]
    private static partial void LogStreamEnded(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "HTTP API: unexpected failure of {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
