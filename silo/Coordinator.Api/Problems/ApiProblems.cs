using Coordinator.Operations.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Coordinator.Api.Problems;

/// <summary>
/// RFC 9457 problem documents: a stable <c>type</c> per code, the status that fits the error's kind,
/// every field error with its JSON path under <c>errors</c>, and never a stack trace.
/// </summary>
public static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    /// <summary>Field errors listed in one document at most; a thousand-item body with every item wrong says so in one line more.</summary>
    public const int MaxFieldErrors = 100;

    public static ProblemDetails From(OperationError error, bool preconditionGiven = false)
    {
        var status = error.Kind switch
        {
            ErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.StaleEpoch when preconditionGiven => StatusCodes.Status412PreconditionFailed,
            ErrorKind.StaleEpoch or ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Claimed => StatusCodes.Status423Locked,
            ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        };
        return Create(status, error.Code, Title(error.Kind), error.Message, error.Errors);
    }

    public static ProblemDetails Invalid(IReadOnlyList<FieldError> errors) => From(OperationError.Invalid(errors));

    public static ProblemDetails Unauthorized() =>
        Create(StatusCodes.Status401Unauthorized, "Unauthenticated", "Unauthenticated", "send 'Authorization: Bearer <token>' with a configured token", []);

    public static ProblemDetails Forbidden(string principal, IReadOnlyList<string> roles) =>
        Create(StatusCodes.Status403Forbidden, "Forbidden", "Forbidden",
            $"principal '{principal}' has none of the roles this call needs ({string.Join(", ", roles)})", []);

    public static ProblemDetails TooLarge(long limit) =>
        Create(StatusCodes.Status413PayloadTooLarge, "BodyTooLarge", "Request body too large", $"the body must be at most {limit} bytes", []);

    public static ProblemDetails UnsupportedMediaType() =>
        Create(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "Unsupported media type", "send the body as application/json", []);

    public static ProblemDetails Create(int status, string code, string title, string detail, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > MaxFieldErrors)
        {
            detail = $"{errors.Count} field errors; the first {MaxFieldErrors} are listed";
        }

        var problem = new ProblemDetails { Type = ProblemTypes.For(code), Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        if (errors.Count > 0)
        {
            problem.Extensions["errors"] = errors.Take(MaxFieldErrors).Select(e => new FieldProblem(e.Field, e.Reason)).ToList();
        }

        return problem;
    }

    public static IResult Result(ProblemDetails problem) =>
        TypedResults.Json(problem, ApiJson.Options, ContentType, problem.Status);

    public static Task Write(HttpContext context, ProblemDetails problem) =>
        Result(problem).ExecuteAsync(context);

    private static string Title(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => "Invalid input",
        ErrorKind.NotFound => "Not found",
        ErrorKind.StaleEpoch => "Stale epoch",
        ErrorKind.Conflict => "Conflict with the current state",
        ErrorKind.Claimed => "Claimed by a campaign",
        ErrorKind.Unavailable => "Cluster or storage unavailable",
        _ => "Unexpected error",
    };
}

/// <summary>One bad input: its JSON path (or header, or query parameter) and why.</summary>
public sealed record FieldProblem(string Path, string Reason);
