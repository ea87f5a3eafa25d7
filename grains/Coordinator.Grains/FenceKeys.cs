using Coordinator.Domain;
using Coordinator.Fences;

namespace Coordinator.Grains;

internal static class FenceKeys
{
    /// <summary>Splits and checks a "service/region/name" grain key; errors name <paramref name="nameField"/>.</summary>
    public static ((string Service, string Region, string Name) Key, IReadOnlyList<FieldError> Errors) Parse(string key, string nameField)
    {
        try
        {
            var parts = FenceKey.Parse(key);
            var errors = new List<FieldError>();
            NameRules.Check("service", parts.Service, errors);
            NameRules.Check("region", parts.Region, errors);
            NameRules.Check(nameField, parts.Name, errors);
            return (parts, errors);
        }
        catch (FormatException)
        {
            return ((string.Empty, string.Empty, string.Empty), [new FieldError("key", $"'{key}' is not 'service/region/{nameField}'")]);
        }
    }
}
