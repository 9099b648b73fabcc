using PiiGuard.Shared;
using PiiGuard.Shared.Names;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// The name model on its own, with the default profile: how a name's head and subject combine with the member's type.
/// Each case is a general rule, not a name of one schema; the analyzer tests check how the rules report the findings.
/// </summary>
public class NameModelTests
{
    /// <summary>The shapes a case names: <c>text</c>, <c>number</c>, <c>bool</c>, <c>map</c> (an open map of text).</summary>
    private static ValueShapes Shape(string shape) => shape switch
    {
        "text" => ValueShapes.Text,
        "number" => ValueShapes.Number,
        "bool" => ValueShapes.Boolean,
        "map" => ValueShapes.Text | ValueShapes.TextMap,
        "number map" => ValueShapes.Text | ValueShapes.Number,
        _ => throw new System.ArgumentException("unknown shape " + shape, nameof(shape)),
    };

    private static string Judge(string name, string shape) =>
        NameModel.Judge(NameWords.Split(name), Shape(shape), Vocabulary.Default, Vocabulary.Empty, Vocabulary.Empty)?.Category.Id ?? "clean";

    [Theory]
    // A certificate's subject name names who holds it, a person's certificate's too; a code signature's names a publisher.
    [InlineData("TlsClientSubjectName", "text", "identity")]
    [InlineData("CertificateSubjectName", "text", "identity")]
    [InlineData("CodeSignatureSubjectName", "text", "clean")]
    [InlineData("DllCodeSignatureSubjectName", "text", "clean")]
    // The location of a thing of the software is where it is deployed; a person's or a device's is where they are.
    [InlineData("Location", "text", "location")]
    [InlineData("UserLocation", "text", "location")]
    [InlineData("DeviceLocation", "text", "location")]
    [InlineData("ApplicationLocation", "text", "clean")]
    [InlineData("ServiceLocation", "text", "clean")]
    public void Soft_personal_heads_take_their_subjects_side(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A build of software is the same for everyone on it: its ids and names are not personal.
    [InlineData("BuildId", "text", "clean")]
    [InlineData("ExecutableBuildIdGnu", "text", "clean")]
    [InlineData("BuildName", "text", "clean")]
    // One run, call, execution or invocation is an occurrence someone started: its id singles it out.
    [InlineData("ToolCallId", "text", "identifier")]
    [InlineData("PipelineTaskRunId", "text", "identifier")]
    [InlineData("JobExecutionId", "text", "identifier")]
    [InlineData("FunctionInvocationId", "text", "identifier")]
    [InlineData("RunCount", "number", "clean")]
    [InlineData("CallDuration", "number", "clean")]
    [InlineData("RunState", "text", "clean")]
    public void Things_of_the_software_and_occurrences(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // Closed sets: a purpose, a bitness, an industry is one of a few values, whatever it is about.
    [InlineData("TokenPurpose", "text", "clean")]
    [InlineData("UserAgentBitness", "text", "clean")]
    [InlineData("CompanyIndustry", "text", "clean")]
    [InlineData("Company", "text", "identity")]
    public void Closed_set_heads_are_not_personal(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A search is what a person looked for; how many searches, or which engine, is not.
    [InlineData("Search", "text", "user_content")]
    [InlineData("PageSearch", "text", "user_content")]
    [InlineData("SearchCount", "number", "clean")]
    [InlineData("SearchEngine", "text", "clean")]
    [InlineData("SearchEnabled", "bool", "clean")]
    public void Searches_are_what_a_person_looked_for(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // An open map of text takes any keys and any values: "metrics" or "items" as text are not a measure.
    [InlineData("Metrics", "map", "blob")]
    [InlineData("ServiceEntityMetrics", "map", "blob")]
    [InlineData("Items", "map", "blob")]
    [InlineData("Totals", "map", "blob")]
    // A map of numbers is a measure; a map of kinds is a kind.
    [InlineData("Metrics", "number map", "clean")]
    [InlineData("Items", "number", "clean")]
    [InlineData("MetricNames", "text", "clean")]
    [InlineData("ErrorTypes", "map", "clean")]
    public void Open_maps_of_text_are_documents_unless_they_name_a_kind_a_flag_or_a_thing_of_the_software(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A person, as text, is their name whatever they own or wrote; a soft subject (an account, a group, a machine)
    // of a thing of the software is the software's.
    [InlineData("ProcessOwner", "text", "identity")]
    [InlineData("RuleAuthor", "text", "identity")]
    [InlineData("ProcessUser", "text", "identity")]
    [InlineData("ServiceAccount", "text", "clean")]
    [InlineData("TestGroup", "text", "clean")]
    [InlineData("ServiceHost", "text", "clean")]
    [InlineData("Owner", "text", "identity")]
    [InlineData("OwnerCount", "number", "clean")]
    public void People_stay_people_whatever_they_belong_to(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // Content is what a person wrote, unless it is a thing of the software's (a campaign's, an app's).
    [InlineData("Content", "text", "user_content")]
    [InlineData("PostContent", "text", "user_content")]
    [InlineData("CampaignContent", "text", "clean")]
    // A form is the site's own: its id and name are not personal, what a person typed into it is.
    [InlineData("FormId", "text", "clean")]
    [InlineData("FormInput", "text", "user_content")]
    [InlineData("FormData", "text", "blob")]
    // A group id on a machine says whose a file or a process is.
    [InlineData("FileGid", "text", "identifier")]
    [InlineData("ProcessGid", "number", "clean")]
    // A threat indicator is a value seen in someone's traffic: its name and description are; its kind is not.
    [InlineData("ThreatIndicatorName", "text", "network")]
    [InlineData("ThreatIndicatorDescription", "text", "user_content")]
    [InlineData("ThreatIndicatorFileName", "text", "file_system")]
    [InlineData("ThreatIndicatorType", "text", "clean")]
    // Tracking the movement of a person's head, eyes or pointer is behavioural, counted or not.
    [InlineData("HeadMovement", "number", "behaviour")]
    [InlineData("EyeMovements", "number", "behaviour")]
    public void General_words_of_personal_data_and_of_the_software(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A reference locates one record: a person's, or one the name does not say; a thing of the software's is its
    // published documentation.
    [InlineData("Reference", "text", "network")]
    [InlineData("UserEntityReference", "text", "network")]
    [InlineData("PackageReference", "text", "clean")]
    [InlineData("RuleReference", "text", "clean")]
    [InlineData("ReferenceType", "text", "clean")]
    [InlineData("ReferenceCount", "number", "clean")]
    // An ephemeral id names one run of a program on one machine, whatever program it is.
    [InlineData("ServiceEphemeralId", "text", "device")]
    [InlineData("AgentEphemeralId", "text", "device")]
    // "Docs" are documents: a person named them.
    [InlineData("FilesAndDocs", "text", "file_system")]
    [InlineData("DocUrl", "text", "clean")]
    public void Locators_and_runs(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // General words of personal data, whatever the schema: contact, sensitive traits, documents, credentials, output.
    [InlineData("Msisdn", "number", "identity")]
    [InlineData("Nationality", "text", "identity")]
    [InlineData("MaritalStatus", "text", "identity")]
    [InlineData("PatientBloodType", "text", "identity")]
    [InlineData("DriverLicenseNumber", "text", "identifier")]
    [InlineData("DrivingLicence", "text", "identity")]
    [InlineData("LicensePlate", "text", "identity")]
    [InlineData("VehicleVin", "text", "device")]
    [InlineData("Passcode", "text", "credential")]
    [InlineData("VerificationCode", "text", "credential")]
    [InlineData("Jwt", "text", "credential")]
    [InlineData("StdErr", "text", "error_detail")]
    [InlineData("ProcessStdout", "text", "error_detail")]
    [InlineData("Geohash", "text", "location")]
    [InlineData("XForwardedFor", "text", "network")]
    [InlineData("Pageviews", "number", "behaviour")]
    [InlineData("WatchTime", "number", "behaviour")]
    [InlineData("CalendarEvents", "text", "user_content")]
    [InlineData("CalendarEventCount", "number", "clean")]
    [InlineData("Calendar", "text", "clean")]
    // Their closed sets and measures are not.
    [InlineData("LicenseType", "text", "clean")]
    [InlineData("DriverVersion", "text", "clean")]
    [InlineData("StdoutBytes", "number", "clean")]
    [InlineData("ErrorCode", "text", "clean")]
    public void General_words_of_personal_data(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // One occurrence (a session, an order, an execution), as text, is its id; its order of bytes or of sorting is not.
    [InlineData("Session", "text", "identifier")]
    [InlineData("FunctionExecution", "text", "identifier")]
    [InlineData("JobExecution", "text", "identifier")]
    [InlineData("Sessions", "number", "clean")]
    [InlineData("ByteOrder", "text", "clean")]
    [InlineData("SortOrder", "text", "clean")]
    public void Occurrences_as_text_are_their_ids(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));
}
