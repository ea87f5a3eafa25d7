using Coordinator.Domain;

namespace Coordinator.Api.Endpoints;

/// <summary>The names in a fence's route (service, region, writer or group), every bad one reported.</summary>
internal static class FenceNames
{
    public static List<FieldError> Check(string service, string region, (string Field, string Value)? fence = null, bool throwIfAny = true)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("region", region, errors);
        if (fence is { } f)
        {
            NameRules.Check(f.Field, f.Value, errors);
        }

        if (throwIfAny)
        {
            NameRules.ThrowIfAny(errors);
        }

        return errors;
    }
}
