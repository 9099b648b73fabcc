using PiiGuard.Shared;
using PiiGuard.Shared.Names;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// The name model on its own, with the default profile: how a name's head and subject combine with the member's type.
/// Each case is a general rule, not a name of one schema; the analyzer tests check how the rules report the findings.
/// </summary>
public class NameModelTests
{
    /// <summary>
    /// The shapes a case names: <c>text</c>, <c>number</c>, <c>bool</c>, <c>map</c> (an open map of text), <c>other</c>
    /// (a point in time, a record).
    /// </summary>
    private static ValueShapes Shape(string shape) => shape switch
    {
        "text" => ValueShapes.Text,
        "number" => ValueShapes.Number,
        "bool" => ValueShapes.Boolean,
        "map" => ValueShapes.Text | ValueShapes.TextMap,
        "number map" => ValueShapes.Text | ValueShapes.Number,
        "other" => ValueShapes.Other,
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
    // An event, a task, a job, a deployment or an operation has the developer's names and kinds, but an id of one of
    // them singles out one occurrence, and so whoever it happened to or started it, on text and as a number.
    [InlineData("EventId", "text", "identifier")]
    [InlineData("EventId", "number", "identifier")]
    [InlineData("CheckoutEventHash", "text", "identifier")]
    [InlineData("ImportJobId", "text", "identifier")]
    [InlineData("SyncTaskKey", "text", "identifier")]
    [InlineData("DeploymentIds", "text", "identifier")]
    [InlineData("OperationIdentifier", "text", "identifier")]
    [InlineData("ContainerId", "text", "identifier")]
    [InlineData("WorkerContainerName", "text", "clean")]
    [InlineData("EventName", "text", "clean")]
    [InlineData("JobName", "text", "clean")]
    [InlineData("OperationName", "text", "clean")]
    [InlineData("TaskType", "text", "clean")]
    [InlineData("EventKind", "text", "clean")]
    [InlineData("EventCount", "number", "clean")]
    [InlineData("JobDuration", "number", "clean")]
    // The nearest subject decides: a service's id is the software's even when an event names it; under threat
    // intelligence, ids are published.
    [InlineData("EventServiceId", "text", "clean")]
    [InlineData("ThreatEventId", "text", "clean")]
    public void An_id_of_one_occurrence_is_personal_its_name_is_not(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A measure is a number: as a number, "bytes", "length" or "size" says the value measures; as text it does not, and
    // what the text is about decides, as for a head the profile does not know.
    [InlineData("RegistryDataBytes", "text", "blob")]
    [InlineData("RegistryDataBytes", "number", "clean")]
    [InlineData("EmailLength", "text", "identity")]
    [InlineData("EmailLength", "number", "clean")]
    [InlineData("FileSize", "text", "clean")]
    [InlineData("DownloadDuration", "text", "clean")]
    // Part of a document or dump is the document's content: a word the profile does not know after "data", "dump"
    // or "json" on text is a blob; a thing of the software after it is not.
    [InlineData("CrashDumpStrings", "text", "blob")]
    [InlineData("RegistryDataStrings", "text", "blob")]
    [InlineData("DataCenter", "text", "clean")]
    [InlineData("DataSource", "text", "clean")]
    [InlineData("DataFormat", "text", "clean")]
    public void Text_is_not_a_measure_and_part_of_a_document_is_a_document(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Fact]
    public void A_project_word_that_names_an_occurrence_is_still_allowed()
    {
        Vocabulary allowed = Vocabulary.Of(new[] { "event" }, TermRole.NeutralSubject, category: null);
        NameFinding? finding = NameModel.Judge(NameWords.Split("EventId"), ValueShapes.Text, Vocabulary.Default, Vocabulary.Empty, allowed);
        Assert.Null(finding);
    }

    [Fact]
    public void Occurrence_qualifies_only_subjects_of_the_software()
    {
        var error = Assert.Throws<System.FormatException>(() => Vocabulary.Parse("[subject identity occurrence]\nvisit | a visit\n"));
        Assert.Contains("line 1", error.Message);
        Assert.Contains("'occurrence'", error.Message);
        Vocabulary parsed = Vocabulary.Parse("[subject neutral occurrence]\nvisit | a visit is one occurrence\n[head identifier identifier any]\nid | an id\n[head name identity]\nname | a name\n");
        Assert.Equal("identifier", NameModel.Judge(NameWords.Split("VisitId"), ValueShapes.Text, parsed, Vocabulary.Empty, Vocabulary.Empty)?.Category.Id);
        Assert.Null(NameModel.Judge(NameWords.Split("VisitName"), ValueShapes.Text, parsed, Vocabulary.Empty, Vocabulary.Empty));
    }

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
    // A history records what a person did, and a health is a person's, unless they are of a thing of the software;
    // notes likewise (a release's notes are the developer's).
    [InlineData("History", "text", "behaviour")]
    [InlineData("TravelHistory", "text", "behaviour")]
    [InlineData("OrderHistory", "text", "behaviour")]
    [InlineData("BrowserHistory", "text", "behaviour")]
    [InlineData("LocationHistory", "text", "location")]
    [InlineData("VersionHistory", "text", "clean")]
    [InlineData("UpdateHistory", "text", "clean")]
    [InlineData("CrashHistory", "text", "clean")]
    [InlineData("HistoryCount", "number", "clean")]
    [InlineData("Health", "text", "identity")]
    [InlineData("PatientHealth", "text", "identity")]
    [InlineData("ServiceHealth", "text", "clean")]
    [InlineData("DatabaseHealth", "text", "clean")]
    [InlineData("HealthStatus", "text", "clean")]
    [InlineData("Notes", "text", "user_content")]
    [InlineData("UserNotes", "text", "user_content")]
    [InlineData("ReleaseNotes", "text", "clean")]
    public void Histories_healths_and_notes_are_a_persons_unless_of_the_software(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // Words of public taxonomies of personal data: special categories, parts of a name, connected TVs' advertising
    // ids, call stacks, short forms of a birthday and a time zone.
    [InlineData("EthnicOrigin", "text", "identity")]
    [InlineData("SexualPreference", "text", "identity")]
    [InlineData("PoliticalAffiliation", "text", "identity")]
    [InlineData("HonorificPrefix", "text", "identity")]
    [InlineData("Salutation", "text", "identity")]
    [InlineData("Organizer", "text", "identity")]
    [InlineData("Opinion", "text", "user_content")]
    [InlineData("Rida", "text", "device")]
    [InlineData("AndroidAppSetId", "text", "device")]
    [InlineData("Callstack", "text", "error_detail")]
    [InlineData("Bday", "text", "identity")]
    [InlineData("Tz", "text", "location")]
    [InlineData("EventTz", "text", "clean")]
    public void Words_of_personal_data_taxonomies(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // Who did something is a person ("CreatedBy", "AssignedTo"); what something is ordered or grouped by is a field
    // of the developer's ("OrderBy", "GroupBy").
    [InlineData("CreatedBy", "text", "identity")]
    [InlineData("LastModifiedBy", "text", "identity")]
    [InlineData("CreatedById", "text", "identifier")]
    [InlineData("AssignedTo", "text", "identity")]
    [InlineData("Assignee", "text", "identity")]
    [InlineData("CreatedByCount", "number", "clean")]
    [InlineData("CreatorType", "text", "clean")]
    [InlineData("OrderBy", "text", "clean")]
    [InlineData("GroupBy", "text", "clean")]
    [InlineData("PoweredBy", "text", "clean")]
    public void Who_did_something_is_a_person_and_what_it_is_ordered_by_is_not(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A thing of the software named after a tracking word is what a name or an id is of ("LastClickCampaignName" is
    // the campaign's name); a measure of it, or a thing named before the tracking word, stays tracking.
    [InlineData("LastClickCampaignName", "text", "clean")]
    [InlineData("LastClickCampaignId", "text", "clean")]
    [InlineData("ClickCampaignCount", "number", "behaviour")]
    [InlineData("ButtonClickId", "text", "behaviour")]
    [InlineData("ViewedScreens", "text", "behaviour")]
    [InlineData("ButtonTapped", "bool", "behaviour")]
    [InlineData("ProductPageVisits", "number", "behaviour")]
    public void Tracking_words_before_a_thing_of_the_software(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // An error as text is its message; its code, type, reason and count are not. "With" and "without" qualify the
    // head ("RemoteAddressWithoutPort" is an address). Short forms of certificates and executables; an HTTP status
    // text and a maximum age are the software's; a graphics device is a model of card; a country or region is a place.
    [InlineData("Error", "text", "error_detail")]
    [InlineData("DatabaseLoadError", "text", "error_detail")]
    [InlineData("ErrorCode", "text", "clean")]
    [InlineData("ErrorType", "text", "clean")]
    [InlineData("ErrorCount", "number", "clean")]
    [InlineData("Error", "bool", "clean")]
    [InlineData("RemoteAddressWithoutPort", "text", "network")]
    [InlineData("ClientCert", "text", "network")]
    [InlineData("ProcessExe", "text", "file_system")]
    [InlineData("OidcUserinfo", "text", "identity")]
    [InlineData("HttpStatusText", "text", "clean")]
    [InlineData("MaxAge", "number", "clean")]
    [InlineData("GraphicsDeviceName", "text", "clean")]
    [InlineData("GraphicsDeviceId", "number", "clean")]
    [InlineData("ClientCountryOrRegion", "text", "location")]
    public void Errors_qualifiers_and_short_forms(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A yes or no that starts with a setting verb says whether the app does something, not what a person did; the
    // same words as a person's observation, or the verb before a value that is not a yes or no, stay as they were.
    [InlineData("SendPageView", "bool", "clean")]
    [InlineData("TrackPageViews", "bool", "clean")]
    [InlineData("EnableClickTracking", "bool", "clean")]
    [InlineData("DisableScrollTracking", "bool", "clean")]
    [InlineData("PageViewed", "bool", "behaviour")]
    [InlineData("ButtonClicked", "bool", "behaviour")]
    [InlineData("ClicksSent", "bool", "behaviour")]
    [InlineData("SendPageView", "number", "behaviour")]
    [InlineData("TrackClicks", "number", "behaviour")]
    [InlineData("TrackId", "text", "identifier")]
    public void Setting_verbs_make_a_yes_or_no_a_setting(string name, string shape, string expected) =>
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
    [InlineData("PoolOwner", "text", "identity")]
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

    [Theory]
    // Threat intelligence is public knowledge: the ids of its records, the references to them and the hashes of the
    // samples it lists are published, whatever they are of; what it saw in someone's traffic (an address, a file's path, an owner's uid) and what an analyst wrote are not.
    [InlineData("ThreatSampleFileSha1", "text", "clean")]
    [InlineData("ThreatFeedIndicatorId", "text", "clean")]
    [InlineData("ThreatArtifactFileDigest", "text", "clean")]
    [InlineData("ThreatSampleIp", "text", "network")]
    [InlineData("ThreatArtifactFilePath", "text", "file_system")]
    [InlineData("ThreatArtifactFileUid", "text", "identifier")]
    [InlineData("ThreatSampleComment", "text", "user_content")]
    // A reference or a link under it locates a published record, an indicator's too; the indicator's own URL does not.
    [InlineData("ThreatIndicatorReference", "text", "clean")]
    [InlineData("ThreatFeedLink", "text", "clean")]
    [InlineData("ThreatIndicatorUrlFull", "text", "network")]
    // The same ids, hashes and references outside threat intelligence keep their subject's side.
    [InlineData("AttachmentFileSha1", "text", "identifier")]
    [InlineData("SampleFileDigest", "text", "identifier")]
    [InlineData("ClientReference", "text", "network")]
    public void Ids_and_hashes_under_threat_intelligence_are_published(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // Under a binary's ELF, PE or Mach-O header, every value describes the program: its data encoding, its sections'
    // names, its import tables as maps.
    [InlineData("LoaderElfHeaderData", "text", "clean")]
    [InlineData("PluginPeSectionNames", "text", "clean")]
    [InlineData("ModuleMachoSettings", "map", "clean")]
    [InlineData("BinaryElfRaw", "text", "clean")]
    // The same words elsewhere are what they are.
    [InlineData("HeaderData", "text", "blob")]
    [InlineData("ModuleSettings", "map", "blob")]
    [InlineData("LoaderRaw", "text", "blob")]
    public void Everything_under_a_binary_header_describes_the_program(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // When a person was last active tracks them; when a machine, a service or a thing the name does not say was is not.
    [InlineData("MemberLastActivity", "other", "behaviour")]
    [InlineData("CustomerProfileLastActivity", "other", "behaviour")]
    [InlineData("AccountLastActivity", "other", "behaviour")]
    [InlineData("HostLastActivity", "other", "clean")]
    [InlineData("QueueLastActivity", "other", "clean")]
    [InlineData("LastActivity", "other", "clean")]
    [InlineData("MemberLastActivityKind", "text", "clean")]
    public void A_persons_last_activity_is_tracking_a_machines_is_not(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A drive letter is one of 26 letters; the device a file is on is a disk of the system; a registry key is a path.
    [InlineData("BackupDriveLetter", "text", "clean")]
    [InlineData("DriveLetter", "text", "clean")]
    [InlineData("DrivePath", "text", "file_system")]
    [InlineData("TempFileDevice", "text", "clean")]
    [InlineData("TempFileDeviceId", "text", "clean")]
    [InlineData("TempFileName", "text", "file_system")]
    [InlineData("Device", "text", "device")]
    [InlineData("RunKeyRegistryKey", "text", "file_system")]
    [InlineData("RegistryKeyCount", "number", "clean")]
    // A control group's path carries a user's id and login session; its version is not.
    [InlineData("WorkerCgroup", "text", "identifier")]
    [InlineData("CgroupVersion", "text", "clean")]
    // The state of a postal address narrows down where a person lives; a state of anything else (an IP address's, a
    // connection's) is one of a closed set.
    [InlineData("ContactAddressState", "text", "identity")]
    [InlineData("IpAddressState", "text", "clean")]
    [InlineData("ConnectionState", "text", "clean")]
    // Things of the software: syslog, a mailer, an IANA number, a workload, an instance group, a pod, an asset.
    [InlineData("SyslogFacilityName", "text", "clean")]
    [InlineData("MessageMailer", "text", "clean")]
    [InlineData("IanaNumber", "text", "clean")]
    [InlineData("BatchWorkloadId", "text", "clean")]
    [InlineData("InstanceGroupTemplateName", "text", "clean")]
    [InlineData("BannerPodId", "text", "clean")]
    [InlineData("TextureAssetIds", "text", "clean")]
    // Their traps: a person's name, an instance's own name, a sender's mail address.
    [InlineData("SyslogSenderName", "text", "identity")]
    [InlineData("InstanceName", "text", "device")]
    [InlineData("MailerEmail", "text", "identity")]
    public void General_words_of_the_system_and_of_personal_data(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // The original form of a value holds what the value holds: an original URL is a URL, a build's original string the build's.
    [InlineData("UrlOriginal", "text", "network")]
    [InlineData("UserAgentOriginal", "text", "network")]
    [InlineData("AgentBuildOriginal", "text", "clean")]
    [InlineData("RequestMethodOriginal", "text", "clean")]
    // An original event, a record the profile does not know, or the original alone: the whole document.
    [InlineData("EventOriginal", "text", "blob")]
    [InlineData("LogRecordOriginal", "text", "blob")]
    [InlineData("Original", "text", "blob")]
    // Not the last word: a modifier like any other.
    [InlineData("PeOriginalFileName", "text", "clean")]
    public void The_original_form_of_a_value_is_judged_as_the_value(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A regular plural of a term's last word is the term: "-s", "-es" and "-ies" (a word ending in "y" once returned
    // early at "-es" and was never matched).
    [InlineData("Cities", "text", "location")]
    [InlineData("UserEthnicities", "text", "identity")]
    [InlineData("MessageBodies", "text", "user_content")]
    [InlineData("HostAddresses", "text", "network")]
    [InlineData("Passwords", "text", "credential")]
    // A word ending in "ie" takes an "s": "cookies" is not the plural of a "cooky".
    [InlineData("Cookies", "text", "credential")]
    [InlineData("SessionCookies", "text", "credential")]
    public void Plurals_of_a_terms_last_word(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // The last word of a term of several words takes the same plurals as a term of one word: the two lookups once
    // disagreed on "-es", which made "user stat" match "UserStates" while "stat" alone did not match "States".
    [InlineData("address", "addresses", true)]
    [InlineData("hash", "hashes", true)]
    [InlineData("match", "matches", true)]
    [InlineData("box", "boxes", true)]
    [InlineData("path", "paths", true)]
    [InlineData("name", "names", true)]
    [InlineData("identity", "identities", true)]
    [InlineData("cookie", "cookies", true)]
    [InlineData("stat", "states", false)]
    [InlineData("tim", "times", false)]
    [InlineData("boxe", "boxes", false)]
    [InlineData("class", "classs", false)]
    [InlineData("a", "as", false)]
    public void A_terms_last_word_and_a_single_word_agree_on_plurals(string word, string actual, bool plural)
    {
        Assert.Equal(plural, Term.IsWordOrPlural(actual, word));
        Assert.Equal(plural, Term.YSingular(actual) == word || Term.Singular(actual) == word);

        // Through the vocabulary: a term of one word and the last word of a term of two.
        Vocabulary vocabulary = Vocabulary.Parse("[personal network]\n" + word + " | one word\nzz " + word + " | two words\n");
        Assert.Equal(plural, vocabulary.FindAt(new[] { actual }, 0, null) is not null);
        Assert.Equal(plural, vocabulary.FindAt(new[] { "zz", actual }, 0, null) is not null);
    }

    [Theory]
    // Health, biometric and financial data describe a person on any type: a heart rate as a number too.
    [InlineData("HeartRate", "number", "identity")]
    [InlineData("BloodGlucose", "number", "identity")]
    [InlineData("Medication", "text", "identity")]
    [InlineData("Bmi", "number", "identity")]
    [InlineData("Pregnant", "text", "identity")]
    [InlineData("FaceImage", "text", "identity")]
    [InlineData("NetWorth", "number", "identity")]
    [InlineData("BankAccount", "text", "identity")]
    // A MAC address is a hardware identifier as a number too, like an IP address.
    [InlineData("MacAddress", "number", "network")]
    [InlineData("MacAddressCount", "number", "clean")]
    // What only says whether, how many or which kind stays clean.
    [InlineData("HeartRateSensorAvailable", "bool", "clean")]
    [InlineData("MedicationReminderCount", "number", "clean")]
    // A balance of a person's account is financial data about them; a load's is a measure.
    [InlineData("AccountBalance", "number", "identity")]
    [InlineData("UserBalance", "number", "identity")]
    [InlineData("LoadBalance", "number", "clean")]
    public void Health_biometric_and_financial_data(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A code that gives access is a credential, whatever "code" says elsewhere; a code from a closed set is not.
    [InlineData("AuthorizationCode", "text", "credential")]
    [InlineData("PasswordResetCode", "text", "credential")]
    [InlineData("ConnectionString", "text", "credential")]
    [InlineData("Dsn", "text", "credential")]
    [InlineData("ErrorCode", "text", "clean")]
    [InlineData("PromoCode", "text", "clean")]
    [InlineData("AuthorizationCodeFlowEnabled", "bool", "clean")]
    [InlineData("ConnectionStringProvider", "text", "clean")]
    // Ad click ids and referral codes single out one person's click or one referrer.
    [InlineData("Gclid", "text", "identifier")]
    [InlineData("Fbclid", "text", "identifier")]
    [InlineData("ReferralCode", "text", "identifier")]
    [InlineData("Gaid", "text", "device")]
    // A one-time code is the credential, whatever "code" says elsewhere; the last digits of a card identify it.
    [InlineData("OtpCode", "text", "credential")]
    [InlineData("TwoFactorCode", "text", "credential")]
    [InlineData("MfaCodeLength", "number", "clean")]
    [InlineData("CardLast4", "text", "identity")]
    [InlineData("TaxNumber", "number", "identity")]
    public void Codes_that_give_access_or_single_out(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // What a person wrote, recorded, sent or kept is their content; its count, size and format are not.
    [InlineData("Transcript", "text", "user_content")]
    [InlineData("Attachments", "text", "user_content")]
    [InlineData("SurveyResponse", "text", "user_content")]
    [InlineData("Wishlist", "text", "user_content")]
    [InlineData("AttachmentCount", "number", "clean")]
    [InlineData("UploadSizeBytes", "number", "clean")]
    [InlineData("RecordingFormat", "text", "clean")]
    // The people a person knows are other people.
    [InlineData("Followers", "text", "identity")]
    [InlineData("AddressBook", "text", "identity")]
    [InlineData("FollowerCount", "number", "clean")]
    // What a person watched or viewed, and how far, tracks them.
    [InlineData("Playhead", "number", "behaviour")]
    [InlineData("PercentWatched", "number", "behaviour")]
    [InlineData("ViewedScreens", "text", "behaviour")]
    // A screenshot shows what a person had on their screen; a profile image is their picture, a container's is not.
    [InlineData("Screenshot", "text", "user_content")]
    [InlineData("ScreenshotCount", "number", "clean")]
    [InlineData("ProfileImage", "text", "identity")]
    [InlineData("ContainerImageName", "text", "clean")]
    public void Content_contacts_and_viewing(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A locality, a province or a venue says where a person is; a certificate issuer's says where the authority is.
    [InlineData("Locality", "text", "location")]
    [InlineData("UserProvince", "text", "location")]
    [InlineData("CertificateSubjectStateOrProvince", "text", "location")]
    [InlineData("X509IssuerLocality", "text", "clean")]
    [InlineData("X509IssuerStateOrProvince", "text", "clean")]
    // A website or a link is a URL; a package's home page is published.
    [InlineData("Website", "text", "network")]
    [InlineData("PermalinkUrl", "text", "network")]
    [InlineData("PackageHomepage", "text", "clean")]
    [InlineData("LinkSpeedMbps", "number", "clean")]
    public void Places_and_links(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // The parts of an app and its user interface are the developer's own: their names and keys are not personal.
    [InlineData("ControllerName", "text", "clean")]
    [InlineData("MiddlewareNames", "text", "clean")]
    [InlineData("SettingNames", "text", "clean")]
    [InlineData("ConfigKey", "text", "clean")]
    [InlineData("EnvironmentName", "text", "clean")]
    [InlineData("HealthCheckName", "text", "clean")]
    [InlineData("DialogName", "text", "clean")]
    [InlineData("ExperimentName", "text", "clean")]
    [InlineData("ProcessorName", "text", "clean")]
    // Their traps: a setting's or a configuration's value is what a person typed; a health record is health data.
    [InlineData("SettingValue", "text", "user_content")]
    [InlineData("ConfigValues", "text", "user_content")]
    [InlineData("HealthRecord", "text", "identity")]
    [InlineData("ViewUrl", "text", "network")]
    public void Parts_of_an_app_and_its_user_interface(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A list, an array or a set holds what the rest of its name says: a list of user ids is user ids.
    [InlineData("UserIdList", "text", "identifier")]
    [InlineData("ListOfUserIds", "text", "identifier")]
    [InlineData("EmailArray", "text", "identity")]
    [InlineData("FeatureSet", "text", "clean")]
    [InlineData("ErrorCodeList", "text", "clean")]
    // Before a name or an id, a list is the developer's own.
    [InlineData("ListName", "text", "clean")]
    [InlineData("ItemListId", "text", "clean")]
    public void A_collection_holds_what_its_name_says(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A strength, a permission, a consent or a quality is one of a closed set, whatever it is of.
    [InlineData("PasswordStrength", "text", "clean")]
    [InlineData("LocationPermission", "text", "clean")]
    [InlineData("EmailConsent", "text", "clean")]
    [InlineData("PhotoQuality", "text", "clean")]
    // A person's country says where they are; a certificate issuer's is the authority's; a country code is allowed.
    [InlineData("ShippingCountry", "text", "location")]
    [InlineData("CountryOfResidence", "text", "location")]
    [InlineData("X509IssuerCountry", "text", "clean")]
    [InlineData("CountryCode", "text", "clean")]
    public void Closed_sets_and_countries(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // The usual abbreviations of personal words are the words.
    [InlineData("UsrId", "text", "identifier")]
    [InlineData("CustId", "text", "identifier")]
    [InlineData("UserFname", "text", "identity")]
    [InlineData("Tel", "number", "identity")]
    [InlineData("Ua", "text", "network")]
    [InlineData("CmdLine", "text", "user_content")]
    [InlineData("Sid", "text", "identifier")]
    // Their traps: telemetry is not a telephone; a user agent's family and a command count are not personal.
    [InlineData("TelemetryLevel", "text", "clean")]
    [InlineData("UaFamily", "text", "clean")]
    [InlineData("CmdCount", "number", "clean")]
    public void Abbreviations_of_personal_words(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // How far a person got in a video tracks them; the video's own length does not.
    [InlineData("VideoPercent", "number", "behaviour")]
    [InlineData("VideoCurrentTime", "number", "behaviour")]
    [InlineData("VideoDuration", "number", "clean")]
    // What a person wrote to support is their content; a mount's name is a path; a SIM's country code, a cell id and an
    // area code say where a phone is; an asset tag names one machine.
    [InlineData("CustomerSupport", "text", "user_content")]
    [InlineData("VolumeMountName", "text", "file_system")]
    [InlineData("NetworkCarrierMcc", "number", "location")]
    [InlineData("CellId", "text", "location")]
    [InlineData("PhoneAreaCode", "text", "location")]
    [InlineData("AssetTag", "text", "device")]
    public void Media_progress_support_mounts_and_cells(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // The runtime's and the system's own parts: a heap's, a consumer group's or a routing key's names are the developer's.
    [InlineData("V8HeapSpaceName", "text", "clean")]
    [InlineData("MessagingConsumerGroupName", "text", "clean")]
    [InlineData("RoutingKey", "text", "clean")]
    [InlineData("CircuitBreakerName", "text", "clean")]
    [InlineData("BiosVersion", "text", "clean")]
    // Their traps: a group of people and a key that gives access stay personal.
    [InlineData("UserGroupName", "text", "identity")]
    [InlineData("ApiKey", "text", "credential")]
    public void Parts_of_the_runtime_and_the_system(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A definition of a tool or a schema and where in the code a log line was written are the developer's own; a
    // condition is one of a closed set; a content group is one of a site's sections.
    [InlineData("GenAiToolDefinitions", "map", "clean")]
    [InlineData("LogOriginFileName", "text", "clean")]
    [InlineData("ServiceEndpointCondition", "text", "clean")]
    [InlineData("ContentGroup", "text", "clean")]
    // Their traps: a file a person named is still theirs, and an endpoint is still an address.
    [InlineData("UploadFileName", "text", "file_system")]
    [InlineData("ServiceEndpoint", "text", "network")]
    // An exception's or an error's name is its type; a command-line tool's command name is the developer's.
    [InlineData("ExceptionName", "text", "clean")]
    [InlineData("ErrorName", "text", "clean")]
    [InlineData("CommandName", "text", "clean")]
    [InlineData("ExceptionMessage", "text", "error_detail")]
    [InlineData("CommandLine", "text", "user_content")]
    public void Definitions_code_origins_and_conditions(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A sign-in name, what a person said or typed into a form, the trail of what they did, and documents in other formats.
    [InlineData("UserPrincipalName", "text", "identity")]
    [InlineData("Utterance", "text", "user_content")]
    [InlineData("ChatHistory", "text", "user_content")]
    [InlineData("FormFieldValue", "text", "user_content")]
    [InlineData("NavigationHistory", "text", "behaviour")]
    [InlineData("Breadcrumbs", "text", "behaviour")]
    [InlineData("ImageBase64", "text", "blob")]
    [InlineData("ReportCsv", "text", "blob")]
    // Their traps: whether chat is on, how many exports, which HTML version and which chat model.
    [InlineData("ChatEnabled", "bool", "clean")]
    [InlineData("CsvExportCount", "number", "clean")]
    [InlineData("HtmlVersion", "text", "clean")]
    [InlineData("ChatModel", "text", "clean")]
    public void Sign_in_names_speech_forms_trails_and_documents(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A template or a pattern has placeholders where the values go: a URL template is not a URL.
    [InlineData("UrlTemplate", "text", "clean")]
    [InlineData("MessageTemplate", "text", "clean")]
    [InlineData("PathPattern", "text", "clean")]
    [InlineData("FileGlob", "text", "clean")]
    // The name of a header, a cookie, a parameter or a field is the developer's; its value is the person's.
    [InlineData("HttpRequestHeaderNames", "text", "clean")]
    [InlineData("CookieName", "text", "clean")]
    [InlineData("ParamName", "text", "clean")]
    [InlineData("ColumnNames", "text", "clean")]
    [InlineData("HeaderValue", "text", "network")]
    [InlineData("CookieValue", "text", "credential")]
    [InlineData("FieldValue", "text", "user_content")]
    // Their traps: a template's address is still an address, a rendered message still a message.
    [InlineData("TemplateUrl", "text", "network")]
    [InlineData("RenderedMessage", "text", "user_content")]
    public void Templates_patterns_and_the_names_of_code_things(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));
    [Theory]
    // Phrasal verbs are one term: "in" or "on" after sign, log or opt is not a connector ("LoggedInUserHost" is about
    // the user's host; a sign-in's kind is the developer's).
    [InlineData("LoggedInUserHost", "text", "device")]
    [InlineData("SignedInUserEmail", "text", "identity")]
    [InlineData("LastSignInIp", "text", "network")]
    [InlineData("SignInType", "text", "clean")]
    [InlineData("LogOnResult", "text", "clean")]
    [InlineData("OptInState", "text", "clean")]
    [InlineData("PlugInName", "text", "clean")]
    [InlineData("ErrorsInQueue", "number", "clean")]
    public void Phrasal_verbs_are_not_connectors(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A location looked up from an address is a location whatever part of it the name takes, its continent's or its
    // time zone's too.
    [InlineData("ClientGeoIpTimeZone", "text", "location")]
    [InlineData("GeoipContinentCode", "text", "location")]
    [InlineData("GeoIp", "text", "location")]
    [InlineData("GeoipLookupCount", "number", "clean")]
    // The network a person connects from: an autonomous system's number or name; the host name they asked a TLS or
    // an HTTP server for.
    [InlineData("PeerAutonomousSystemNumber", "number", "network")]
    [InlineData("RemoteAutonomousSystemName", "text", "network")]
    [InlineData("ClientAsn", "number", "network")]
    [InlineData("TlsSni", "text", "network")]
    [InlineData("RequestHostHeader", "text", "network")]
    [InlineData("HostHeaderLength", "number", "clean")]
    [InlineData("UrlPathname", "text", "file_system")]
    // A client's TLS fingerprint singles out its device and software; a server's is shared by many servers.
    [InlineData("TlsClientJa3", "text", "identifier")]
    [InlineData("Ja4Fingerprint", "text", "device")]
    [InlineData("TlsServerJa3s", "text", "clean")]
    // Advertising ids; effective user and group ids, which say whose a process is (as numbers they are the same few
    // values on every machine: 0, 1000).
    [InlineData("DeviceIfa", "text", "device")]
    [InlineData("ProcessEuid", "text", "identifier")]
    [InlineData("ProcessEgid", "text", "identifier")]
    [InlineData("ProcessEuid", "number", "clean")]
    public void Addresses_networks_fingerprints_and_owners(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // Things of the software and of the tools around it: their names, titles and ids are the developer's, a tool's or
    // published.
    [InlineData("CultureDisplayName", "text", "clean")]
    [InlineData("UiCultureName", "text", "clean")]
    [InlineData("DeviceOemName", "text", "clean")]
    [InlineData("TrackerName", "text", "clean")]
    [InlineData("EndpointSvcName", "text", "clean")]
    [InlineData("IdpName", "text", "clean")]
    [InlineData("IdentityProviderName", "text", "clean")]
    [InlineData("WorkflowName", "text", "clean")]
    [InlineData("LogName", "text", "clean")]
    [InlineData("FindingTitle", "text", "clean")]
    [InlineData("MalwareName", "text", "clean")]
    [InlineData("CveId", "text", "clean")]
    [InlineData("AttackTechniqueId", "text", "clean")]
    [InlineData("EvtName", "text", "clean")]
    [InlineData("EvtId", "text", "identifier")]
    [InlineData("LogLine", "text", "error_detail")]
    [InlineData("UtmContent", "text", "clean")]
    [InlineData("MarketingContent", "text", "clean")]
    [InlineData("ReferrerMedium", "text", "clean")]
    [InlineData("QueryOpcode", "text", "clean")]
    [InlineData("CultureUserName", "text", "identity")]
    public void Things_of_tools_trackers_and_security_feeds(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // People by their role in care, and what is known about their health and their work.
    [InlineData("PhysicianName", "text", "identity")]
    [InlineData("GeneralPractitioner", "text", "identity")]
    [InlineData("GuardianEmail", "text", "identity")]
    [InlineData("NurseId", "text", "identifier")]
    [InlineData("BodyHeight", "number", "identity")]
    [InlineData("Immunizations", "text", "identity")]
    [InlineData("VaccinationStatus", "text", "clean")]
    [InlineData("Department", "text", "identity")]
    [InlineData("EmployeeDepartment", "text", "identity")]
    [InlineData("Blog", "text", "network")]
    [InlineData("AboutMe", "text", "user_content")]
    [InlineData("FileDesc", "text", "user_content")]
    [InlineData("PackageDesc", "text", "clean")]
    public void People_in_care_health_and_work(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));
    [Theory]
    // A process and a loaded library are named after the file they run from, which a person may have named (a
    // script called after its author's project): their names and titles are file names; their ids, hashes, kinds
    // and measures are the program's, and what their binary's header says is the vendor's.
    [InlineData("ProcessName", "text", "file_system")]
    [InlineData("ParentProcessName", "text", "file_system")]
    [InlineData("ProcessParentName", "text", "file_system")]
    [InlineData("ProcessTitle", "text", "user_content")]
    [InlineData("DllName", "text", "file_system")]
    [InlineData("ProcessHashSha256", "text", "clean")]
    [InlineData("ProcessEntityId", "text", "identifier")]
    [InlineData("ParentProcessId", "text", "identifier")]
    [InlineData("ProcessId", "number", "clean")]
    [InlineData("DllHashMd5", "text", "clean")]
    [InlineData("ProcessState", "text", "clean")]
    [InlineData("ProcessCount", "number", "clean")]
    [InlineData("ProcessThreadName", "text", "clean")]
    [InlineData("ProcessRuntimeName", "text", "clean")]
    [InlineData("ProcessPeOriginalFileName", "text", "clean")]
    [InlineData("ProcessCodeSignatureSubjectName", "text", "clean")]
    [InlineData("ProcessUserName", "text", "identity")]
    // A reference to one entity locates that one record, whatever the entity is.
    [InlineData("EntityReference", "text", "network")]
    [InlineData("ServiceEntityReference", "text", "network")]
    [InlineData("ServiceReference", "text", "clean")]
    [InlineData("PackageReference", "text", "clean")]
    public void Processes_are_named_after_their_files(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));
    [Theory]
    // A value as text is what was entered or set, so it is a person's unless it is a thing of the software's; as a
    // number it is a measure. A registry value is a named entry (its content is its data); an enum's and a
    // default's values are the developer's.
    [InlineData("Value", "text", "user_content")]
    [InlineData("ClaimValues", "text", "user_content")]
    [InlineData("FilterValue", "text", "user_content")]
    [InlineData("CookieValue", "text", "credential")]
    [InlineData("Value", "number", "clean")]
    [InlineData("MaxValue", "number", "clean")]
    [InlineData("MetricValue", "text", "clean")]
    [InlineData("RegistryValue", "text", "clean")]
    [InlineData("RegistryValueName", "text", "clean")]
    [InlineData("RegistryValueData", "text", "blob")]
    [InlineData("EnumValue", "text", "clean")]
    [InlineData("DefaultValue", "text", "clean")]
    [InlineData("OptionValue", "text", "user_content")]
    public void A_value_as_text_is_what_was_entered(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));
    [Theory]
    // An occurrence's names are the developer's, but the file it handled is a person's.
    [InlineData("JobFileName", "text", "file_system")]
    [InlineData("UploadTaskFileName", "text", "file_system")]
    [InlineData("JobName", "text", "clean")]
    [InlineData("EventLabel", "text", "clean")]
    // Health, money and biometrics held as templates; where a person went or checked in.
    [InlineData("HealthCondition", "text", "identity")]
    [InlineData("MedicalConditions", "text", "identity")]
    [InlineData("ConditionType", "text", "clean")]
    [InlineData("CreditLimit", "number", "identity")]
    [InlineData("FaceTemplate", "text", "identity")]
    [InlineData("FingerprintTemplate", "text", "identity")]
    [InlineData("SignatureImage", "text", "identity")]
    [InlineData("SignatureAlgorithm", "text", "clean")]
    [InlineData("Waypoints", "text", "location")]
    [InlineData("GpsTrack", "text", "location")]
    [InlineData("CheckInLocation", "text", "location")]
    [InlineData("CheckInCount", "number", "clean")]
    public void Files_of_occurrences_health_biometric_templates_and_places(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));

    [Theory]
    // A person's time zone says where they are more closely than the country code a usage statistics policy allows;
    // an event's or a thing of the software's time zone is the developer's; how many, or which kind, stays clean.
    [InlineData("Timezone", "text", "location")]
    [InlineData("UserTimeZone", "text", "location")]
    [InlineData("DeviceTimezone", "text", "location")]
    [InlineData("Zoneinfo", "text", "location")]
    [InlineData("EventTimezone", "text", "clean")]
    [InlineData("ServiceTimeZone", "text", "clean")]
    [InlineData("TimeZoneCount", "number", "clean")]
    [InlineData("AvailabilityZone", "text", "clean")]
    public void Time_zones_of_people_are_locations(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));
}
