namespace Coordinator.Api.Bodies;

/// <summary>Required and ranged values of a request body, each error named by its JSON path.</summary>
public static class BodyRules
{
    public static void Require(List<FieldError> errors, string path, object? value)
    {
        if (value is null)
        {
            errors.Add(new FieldError(path, "is required"));
        }
    }

    public static void Range(List<FieldError> errors, string path, long? value, long min, long max, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(new FieldError(path, "is required"));
            }
        }
        else if (value < min || value > max)
        {
            errors.Add(new FieldError(path, $"must be from {min} to {max} (got {value})"));
        }
    }
}
