using Coordinator.Domain;

namespace Coordinator.Campaigns;

/// <summary>Checks a submitted <see cref="SmokeReport"/> and reports every problem at once, by path.</summary>
public static class SmokeReportValidator
{
    public const int MaxItemIdLength = 128;
    public const int MaxValuesPerItem = 10;

    public static IReadOnlyList<FieldError> Validate(SmokeReport? report)
    {
        var errors = new List<FieldError>();
        if (report is null)
        {
            errors.Add(new FieldError("report", "is required"));
            return errors;
        }

        NameRules.Check("service", report.Service, errors);
        NameRules.Check("region", report.Region, errors);
        if (!Enum.IsDefined(report.Arm))
        {
            errors.Add(new FieldError("arm", $"'{(int)report.Arm}' is not an arm"));
        }

        var items = report.Items ?? [];
        if (items.Count is 0 or > SmokeReport.MaxItems)
        {
            errors.Add(new FieldError("items", $"must have 1 to {SmokeReport.MaxItems} items (got {items.Count})"));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count && i < SmokeReport.MaxItems; i++)
        {
            var path = $"items[{i}]";
            var item = items[i];
            if (item is null)
            {
                errors.Add(new FieldError(path, "is required"));
                continue;
            }

            NameRules.CheckText(path + ".id", item.Id, MaxItemIdLength, errors);
            if (!string.IsNullOrEmpty(item.Id) && !ids.Add(item.Id))
            {
                errors.Add(new FieldError(path + ".id", $"'{item.Id}' appears more than once"));
            }

            CheckCount(path + ".delta_s", item.DeltaS?.Count ?? 0, errors);
            foreach (var (value, j) in (item.DeltaS ?? []).Select((v, j) => (v, j)))
            {
                CheckUnit($"{path}.delta_s[{j}]", value, errors);
            }

            CheckUnit(path + ".coverage", item.Coverage, errors);
            CheckCount(path + ".lambda", item.Lambda?.Count ?? 0, errors);
            if ((item.Lambda ?? []).Any(l => !Enum.IsDefined(l)))
            {
                errors.Add(new FieldError(path + ".lambda", "holds a value that is not a λ state"));
            }

            if (!(double.IsFinite(item.LatencyMs) && item.LatencyMs >= 0))
            {
                errors.Add(new FieldError(path + ".latency_ms", $"must be a finite number of milliseconds, at least 0 (got {NumberRange.Format(item.LatencyMs)})"));
            }
        }

        return errors;
    }

    private static void CheckCount(string path, int count, List<FieldError> errors)
    {
        if (count is 0 or > MaxValuesPerItem)
        {
            errors.Add(new FieldError(path, $"must have 1 to {MaxValuesPerItem} values (got {count})"));
        }
    }

    private static void CheckUnit(string path, double value, List<FieldError> errors)
    {
        if (!(value >= 0 && value <= 1))
        {
            errors.Add(new FieldError(path, $"must be between 0 and 1 (got {NumberRange.Format(value)})"));
        }
    }
}
