namespace Coordinator.Console.Commands;

/// <summary>Who is acting when --operator is not given: the login name, so the audit chain names a person.</summary>
public static class OperatorName
{
    public const int MaxLength = Coordinator.Domain.Limits.MaxOperatorLength;

    public static string Default()
    {
        var user = Environment.UserName;
        return string.IsNullOrWhiteSpace(user) ? "console" : user;
    }
}
