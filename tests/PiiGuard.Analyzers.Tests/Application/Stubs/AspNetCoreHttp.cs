namespace PiiGuard.Analyzers.Tests.Application.Stubs;

/// <summary>The part of ASP.NET Core's HTTP abstractions the application-data tests compile against (same names and namespaces).</summary>
internal static class AspNetCoreHttp
{
    public const string Source = """
        namespace Microsoft.Extensions.Primitives
        {
            public readonly struct StringValues
            {
                public static implicit operator string?(StringValues values) => null;
                public override string ToString() => "";
            }
        }

        namespace Microsoft.AspNetCore.Http
        {
            using Microsoft.Extensions.Primitives;

            public interface IHeaderDictionary
            {
                StringValues this[string key] { get; set; }
                StringValues UserAgent { get; set; }
                StringValues Referer { get; set; }
                StringValues ContentType { get; set; }
                bool TryGetValue(string key, out StringValues value);
            }

            public abstract class ConnectionInfo
            {
                public abstract System.Net.IPAddress? RemoteIpAddress { get; set; }
                public abstract int RemotePort { get; set; }
            }

            public abstract class HttpRequest
            {
                public abstract IHeaderDictionary Headers { get; }
                public abstract string Method { get; set; }
            }

            public abstract class HttpContext
            {
                public abstract HttpRequest Request { get; }
                public abstract ConnectionInfo Connection { get; }
                public abstract System.Security.Claims.ClaimsPrincipal User { get; set; }
            }
        }
        """;
}
