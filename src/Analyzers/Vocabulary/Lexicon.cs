using System.Collections.Generic;
using System.Linq;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers.Vocabulary;

/// <summary>
/// A set of phrases looked up by their first word. Phrases are written in snake_case and matched as whole
/// words against the words of a member name (see <see cref="NameWords"/>), the longest phrase first.
/// </summary>
internal sealed class Lexicon
{
    private readonly Dictionary<string, Phrase[]> _byFirstWord;

    private Lexicon(IEnumerable<Phrase> phrases)
    {
        _byFirstWord = phrases
            .GroupBy(p => p.Words[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Words.Length).ToArray());
    }

    public bool IsEmpty => _byFirstWord.Count == 0;

    public static readonly Lexicon Empty = new(Enumerable.Empty<Phrase>());

    /// <summary>The first phrase found in <paramref name="words"/> (leftmost, then longest), or null.</summary>
    public Phrase? FindFirst(IReadOnlyList<string> words, bool[]? masked = null)
    {
        for (int start = 0; start < words.Count; start++)
        {
            Phrase? found = FindAt(words, start, masked, words[start]) ?? FindSingular(words, start, masked);
            if (found != null)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Marks every word that belongs to an occurrence of one of this lexicon's phrases.</summary>
    public bool[]? Mask(IReadOnlyList<string> words)
    {
        bool[]? mask = null;
        for (int start = 0; start < words.Count; start++)
        {
            Phrase? found = FindAt(words, start, null, words[start]) ?? FindSingular(words, start, null);
            if (found == null)
            {
                continue;
            }

            mask ??= new bool[words.Count];
            for (int i = 0; i < found.Words.Length; i++)
            {
                mask[start + i] = true;
            }
        }

        return mask;
    }

    private Phrase? FindSingular(IReadOnlyList<string> words, int start, bool[]? masked)
    {
        // A one-word phrase also matches its plural: "paths", "addresses".
        string word = words[start];
        if (word.Length > 2 && word[word.Length - 1] == 's')
        {
            return FindAt(words, start, masked, word.Substring(0, word.Length - 1), singleWordOnly: true)
                ?? (word.Length > 3 && word.EndsWith("es", System.StringComparison.Ordinal)
                    ? FindAt(words, start, masked, word.Substring(0, word.Length - 2), singleWordOnly: true)
                    : null);
        }

        return null;
    }

    private Phrase? FindAt(IReadOnlyList<string> words, int start, bool[]? masked, string key, bool singleWordOnly = false)
    {
        if (!_byFirstWord.TryGetValue(key, out Phrase[]? candidates))
        {
            return null;
        }

        foreach (Phrase phrase in candidates)
        {
            if (singleWordOnly && phrase.Words.Length != 1)
            {
                continue;
            }

            if (phrase.MatchesAt(words, start, masked))
            {
                return phrase;
            }
        }

        return null;
    }

    /// <summary>Builds a lexicon from entries such as <c>"ip_address"</c> or <c>"RemoteHost"</c>.</summary>
    public static Lexicon From(Category category, IEnumerable<string> entries) =>
        new(entries.Select(e => NameWords.Split(e).ToArray()).Where(w => w.Length > 0).Select(w => new Phrase(w, category)));

    public static Lexicon Combine(params Lexicon[] lexicons) =>
        new(lexicons.SelectMany(l => l._byFirstWord.Values.SelectMany(p => p)));

    /// <summary>Words of personal or identifying data on text-like members (rule PII001).</summary>
    public static readonly Lexicon PersonalNames = Combine(
        From(Category.Network, new[]
        {
            "ip", "ipv", "ipv4", "ipv6", "ip_address", "ip_addr", "addr", "address", "host", "hostname", "host_name",
            "fqdn", "domain", "domain_name", "dns", "mac_address", "mac_addr", "ssid", "bssid", "essid",
            "network_name", "wifi_name", "wifi_network", "wlan", "url", "uri", "href", "endpoint", "user_agent",
            "useragent", "referrer", "referer", "gateway", "subnet", "proxy", "server_name",
        }),
        new Lexicon(new[]
        {
            new Phrase(new[] { "mac" }, Category.Network, notFollowedBy: new[] { "os", "osx", "book", "catalyst" }),
            new Phrase(new[] { "file" }, Category.FileSystem, notFollowedBy: new[] { "type", "kind", "format", "extension", "count", "size", "system" }),
            new Phrase(new[] { "zip" }, Category.Identity, notFollowedBy: new[] { "export", "import", "file", "archive", "compression", "level", "enabled" }),
            new Phrase(new[] { "name" }, Category.Identity, wholeNameOnly: true),
        }),
        From(Category.FileSystem, new[]
        {
            "path", "file_path", "filepath", "file_name", "filename", "dir", "dir_name", "directory", "folder",
            "working_directory", "cwd", "drive_letter",
        }),
        From(Category.Device, new[]
        {
            "serial", "serial_number", "serial_no", "serial_num", "serialnumber", "machine_name", "machinename",
            "machine_id", "computer_name", "computername", "device_name", "device_id", "deviceid", "hardware_id",
            "hwid", "hw_id", "uuid", "udid", "imei", "imsi", "iccid", "android_id", "advertising_id", "idfa", "idfv",
            "installation_id", "install_id", "instance_id", "home_assistant", "hass", "ha_id", "supervisor_id",
            "cpu_id", "board_id", "printer_name", "fingerprint",
        }),
        From(Category.Identity, new[]
        {
            "email", "e_mail", "mail", "email_address", "user", "user_name", "username", "user_id", "userid", "login",
            "logon", "account", "account_name", "owner", "first_name", "last_name", "full_name", "given_name",
            "family_name", "middle_name", "surname", "display_name", "nickname", "nick_name", "nick", "screen_name",
            "real_name", "person", "person_name", "contact", "label", "alias", "phone", "phone_number", "telephone",
            "mobile_number", "fax", "street", "street_address", "home_address", "postal_address", "mailing_address",
            "postal_code", "post_code", "postcode", "zip_code", "zipcode", "birthday", "birth_date", "date_of_birth",
            "dob", "gender", "ssn", "social_security", "passport", "national_id", "tax_id", "iban", "credit_card",
            "card_number", "customer", "avatar",
        }),
        From(Category.Credential, new[]
        {
            "password", "passwd", "pwd", "passphrase", "token", "access_token", "refresh_token", "api_key", "apikey",
            "access_key", "access_code", "secret", "client_secret", "credential", "private_key", "auth",
            "authorization", "bearer", "cookie", "session_id", "session_token", "otp", "totp",
        }),
        From(Category.Location, new[]
        {
            "location", "city", "town", "neighbourhood", "neighborhood",
        }),
        From(Category.UserContent, new[]
        {
            "message", "msg", "comment", "review", "bio", "biography", "description", "notes", "note", "text",
            "content", "body", "title", "caption", "subject", "model_name", "model_file", "job_name", "print_name",
            "project_name", "print_settings", "slicer_settings", "slicing_settings", "slicer_profile",
            "slicing_profile", "slicing_parameters", "print_parameters", "gcode", "g_code", "input", "user_input",
            "query", "search_term", "prompt", "feedback", "config_value", "configuration_value", "setting_value",
        }),
        From(Category.ErrorDetail, new[]
        {
            "exception", "exception_message", "error_message", "err_msg", "error_detail", "error_details",
            "error_text", "stack", "stack_trace", "stacktrace", "traceback", "backtrace", "inner_exception", "trace",
            "reason", "log_line", "log_message",
        }));

    /// <summary>Words of personal data that no type makes harmless (rule PII001 on members of any type).</summary>
    public static readonly Lexicon PersonalAnyType = From(Category.Identity, new[]
    {
        "birthday", "birth_date", "date_of_birth", "dob", "birth_year", "birthdate",
    });

    /// <summary>
    /// Words of identifiers of a person, an account, a device or a session (rule PII004 on members that are not
    /// text: text members are PII001's).
    /// </summary>
    public static readonly Lexicon Identifiers = From(Category.Device, new[]
    {
        "user_id", "userid", "account_id", "customer_id", "member_id", "person_id", "player_id", "profile_id",
        "device_id", "deviceid", "machine_id", "hardware_id", "printer_id", "serial", "serial_number", "serial_no",
        "imei", "session_id", "session_number", "installation_id", "instance_id", "mac", "mac_address",
        "ip", "ip_address", "ipv4",
    });

    /// <summary>Words of location (rule PII005), on members of any type.</summary>
    public static readonly Lexicon Location = From(Category.Location, new[]
    {
        "latitude", "longitude", "lat", "lon", "lng", "lat_lng", "latlng", "lat_lon", "gps", "coordinate",
        "coords", "geo", "geo_ip", "geoip", "geo_location", "geolocation", "altitude",
    });

    /// <summary>Words of behavioural tracking (rule PII005), on members of any type.</summary>
    public static readonly Lexicon Behaviour = From(Category.Behaviour, new[]
    {
        "click", "click_count", "keystroke", "key_stroke", "key_press", "keypress", "keys_pressed", "mouse",
        "cursor", "scroll", "scroll_depth", "screen_time", "time_on_screen", "time_in_screen", "time_on_page",
        "time_in_app", "dwell_time", "time_spent", "session_recording", "session_replay", "heatmap", "page_view",
        "screen_view", "swipe", "gesture", "hover", "ui_interaction", "interaction", "button_press", "eye_tracking",
        "keyboard", "keyboard_input", "key_input", "typing", "typed",
    });

    /// <summary>Location and behaviour together, as rule PII005 looks them up.</summary>
    public static readonly Lexicon LocationAndBehaviour = Combine(Location, Behaviour);
}
