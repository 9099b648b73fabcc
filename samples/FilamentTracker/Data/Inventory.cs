using PiiGuard;

namespace FilamentTracker.Data;

/// <summary>The material of a spool: a closed set, the same for everyone.</summary>
public enum Material
{
    Pla,
    Petg,
    Abs,
    Asa,
    Tpu,
    Other,
}

/// <summary>A spool of filament someone tracks.</summary>
public sealed class Spool
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid OwnerId { get; set; }

    [NotPersonalData("the manufacturer's brand, the same for everyone who buys it")]
    public required string Brand { get; set; }

    public Material Material { get; set; }

    [PersonalData(PersonalDataKind.UserContent, Purpose = "to show your spools the way you named them")]
    public string? Label { get; set; }

    [PersonalData(PersonalDataKind.UserContent, Purpose = "to tell you where you keep the spool")]
    public string? StorageZone { get; set; }

    public int RemainingGrams { get; set; }

    public bool IsPublic { get; set; }
}

/// <summary>A print someone logged.</summary>
public sealed class Print
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid OwnerId { get; set; }

    public Guid? SpoolId { get; set; }

    [PersonalData(PersonalDataKind.UserContent, Purpose = "to list your prints the way you named them")]
    public required string Title { get; set; }

    [PersonalData(PersonalDataKind.UserContent, Purpose = "to keep what you noted about the print")]
    public string? Notes { get; set; }

    public int GramsUsed { get; set; }

    public DateTimeOffset PrintedAt { get; set; }

    public bool IsPublic { get; set; }
}

/// <summary>A palette of colours someone put together.</summary>
public sealed class Palette
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid OwnerId { get; set; }

    [PersonalData(PersonalDataKind.UserContent, Purpose = "to show your palette the way you named it")]
    public required string Title { get; set; }

    public bool IsPublic { get; set; }
}
