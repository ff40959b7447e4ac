using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Typed.Hosting;

/// <summary>
/// Binds <see cref="NodeOptions"/> from configuration by hand: the reflection binder cannot make an
/// <see cref="IPAddress"/> or an <see cref="IPEndPoint"/>, silently skips what it does not know, and is
/// not trimming-safe. Keys compare case-insensitively, as configuration keys do. Every problem (an
/// unknown key, a value that does not parse, a certificate that does not load) is collected with its
/// path and reported at once as an <see cref="OptionsValidationException"/>.
/// </summary>
internal static class NodeOptionsConfiguration
{
    static readonly string[] s_nodeKeys = ["Name", "Cookie", "CallTimeout", "Throughput", "MinPoolThreads", "Creation", "ShutdownTimeout", "Distribution", "Cluster"];

    static readonly string[] s_distributionKeys =
    [
        "ListenAddress", "ListenPort", "UsePortMapper", "PortMapperPort", "StartPortMapper", "StaticAddresses",
        "TickTime", "HandshakeTimeout", "MaxFrameSize", "OutgoingQueueLimit", "Hidden", "FullMesh", "Tls",
    ];

    static readonly string[] s_tlsKeys = ["CertificatePath", "KeyPath", "Password", "TrustedRootsPath"];

    public static void Bind(IConfiguration configuration, NodeOptions options)
    {
        var errors = new List<string>();
        foreach (var entry in configuration.GetChildren())
        {
            switch (Known(entry, s_nodeKeys, errors))
            {
                case "Name": Text(entry, errors, v => options.Name = v); break;
                case "Cookie": Text(entry, errors, v => options.Cookie = v); break;
                case "CallTimeout": Duration(entry, errors, v => options.CallTimeout = v); break;
                case "Throughput": Integer(entry, errors, v => options.Throughput = v); break;
                case "MinPoolThreads": Integer(entry, errors, v => options.MinPoolThreads = v); break;
                case "Creation": Parse<uint>(entry, errors, "a creation (0 to 4294967295)", uint.TryParse, v => options.Creation = v); break;
                case "ShutdownTimeout": Duration(entry, errors, v => options.ShutdownTimeout = v); break;
                case "Distribution": BindDistribution(entry, options.Distribution, errors); break;
                case "Cluster": BindCluster(entry, options.Cluster, errors); break;
            }
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(NodeOptions), errors);
        }
    }

    static void BindCluster(IConfigurationSection section, ClusterOptions options, List<string> errors)
    {
        foreach (var entry in section.GetChildren())
        {
            switch (Known(entry, ["ExpectedNodes", "PreventOverlappingPartitions"], errors))
            {
                case "ExpectedNodes":
                    foreach (var node in entry.GetChildren())
                    {
                        Text(node, errors, v => options.ExpectedNodes.Add(v));
                    }

                    break;
                case "PreventOverlappingPartitions": Boolean(entry, errors, v => options.PreventOverlappingPartitions = v); break;
            }
        }
    }

    static void BindDistribution(IConfigurationSection section, DistributionOptions options, List<string> errors)
    {
        foreach (var entry in section.GetChildren())
        {
            switch (Known(entry, s_distributionKeys, errors))
            {
                case "ListenAddress": Parse<IPAddress>(entry, errors, "an IP address (such as 127.0.0.1, 0.0.0.0 or ::1) or 'localhost'", TryAddress, v => options.ListenAddress = v); break;
                case "ListenPort": Integer(entry, errors, v => options.ListenPort = v); break;
                case "UsePortMapper": Boolean(entry, errors, v => options.UsePortMapper = v); break;
                case "PortMapperPort": Integer(entry, errors, v => options.PortMapperPort = v); break;
                case "StartPortMapper": Boolean(entry, errors, v => options.StartPortMapper = v); break;
                case "StaticAddresses":
                    foreach (var node in entry.GetChildren())
                    {
                        Parse<IPEndPoint>(node, errors, "\"host:port\" with an IP address or 'localhost' (such as 127.0.0.1:4370 or [::1]:4370)", TryEndPoint, v => options.StaticAddresses[node.Key] = v);
                    }

                    break;
                case "TickTime": Duration(entry, errors, v => options.TickTime = v); break;
                case "HandshakeTimeout": Duration(entry, errors, v => options.HandshakeTimeout = v); break;
                case "MaxFrameSize": Integer(entry, errors, v => options.MaxFrameSize = v); break;
                case "OutgoingQueueLimit": Integer(entry, errors, v => options.OutgoingQueueLimit = v); break;
                case "Hidden": Boolean(entry, errors, v => options.Hidden = v); break;
                case "FullMesh": Boolean(entry, errors, v => options.FullMesh = v); break;
                case "Tls": BindTls(entry, options, errors); break;
            }
        }
    }

    static void BindTls(IConfigurationSection section, DistributionOptions options, List<string> errors)
    {
        foreach (var entry in section.GetChildren())
        {
            Known(entry, s_tlsKeys, errors);
        }

        var certificatePath = section["CertificatePath"];
        if (string.IsNullOrEmpty(certificatePath))
        {
            if (section.GetChildren().Any())
            {
                errors.Add($"{section.Path}:CertificatePath: TLS needs the node's certificate (a .pfx/.p12 file, or a PEM file with KeyPath)");
            }

            return;
        }

        try
        {
            var keyPath = section["KeyPath"];
            var password = section["Password"];
            var certificate = !string.IsNullOrEmpty(keyPath)
                ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
                : IsPem(certificatePath)
                    ? X509Certificate2.CreateFromPemFile(certificatePath)
                    : X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);
            var roots = new X509Certificate2Collection();
            if (section["TrustedRootsPath"] is { Length: > 0 } rootsPath)
            {
                if (IsPem(rootsPath))
                {
                    roots.ImportFromPemFile(rootsPath);
                }
                else
                {
                    roots.Add(X509CertificateLoader.LoadCertificateFromFile(rootsPath));
                }
            }

            options.Tls = new DistributionTls(certificate, roots);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            errors.Add($"{section.Path}: the certificate did not load ({e.GetType().Name}: {e.Message})");
        }
    }

    static bool IsPem(string path) =>
        path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase);

    /// <summary>The catalogue spelling of the entry's key, or null (and an error naming the keys that exist).</summary>
    static string? Known(IConfigurationSection entry, string[] keys, List<string> errors)
    {
        foreach (var key in keys)
        {
            if (string.Equals(key, entry.Key, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        errors.Add($"{entry.Path}: unknown setting; expected one of {string.Join(", ", keys)}");
        return null;
    }

    static void Text(IConfigurationSection entry, List<string> errors, Action<string> set)
    {
        if (entry.Value is { } value)
        {
            set(value);
        }
        else
        {
            errors.Add($"{entry.Path}: expected a value, found a section");
        }
    }

    static void Integer(IConfigurationSection entry, List<string> errors, Action<int> set) =>
        Parse<int>(entry, errors, "a whole number", int.TryParse, set);

    static void Boolean(IConfigurationSection entry, List<string> errors, Action<bool> set) =>
        Parse<bool>(entry, errors, "true or false", (string? s, NumberStyles _, IFormatProvider? _, out bool v) => bool.TryParse(s, out v), set);

    static void Duration(IConfigurationSection entry, List<string> errors, Action<TimeSpan> set) =>
        Parse<TimeSpan>(entry, errors, "a time span such as 00:00:05 or 00:01:00, or -00:00:00.001 for infinite", (string? s, NumberStyles _, IFormatProvider? p, out TimeSpan v) => TimeSpan.TryParse(s, p, out v), set);

    delegate bool TryParser<T>(string? text, NumberStyles styles, IFormatProvider? provider, out T value);

    static void Parse<T>(IConfigurationSection entry, List<string> errors, string expected, TryParser<T> parse, Action<T> set)
    {
        if (entry.Value is { } text && parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            set(value);
        }
        else
        {
            errors.Add($"{entry.Path}: '{entry.Value}' is not {expected}");
        }
    }

    static bool TryAddress(string? text, NumberStyles _, IFormatProvider? __, out IPAddress address)
    {
        if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }

        return IPAddress.TryParse(text, out address!);
    }

    static bool TryEndPoint(string? text, NumberStyles _, IFormatProvider? __, out IPEndPoint endPoint)
    {
        endPoint = null!;
        if (text is null)
        {
            return false;
        }

        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
        {
            text = "127.0.0.1" + text["localhost".Length..];
        }

        return IPEndPoint.TryParse(text, out endPoint!) && endPoint.Port != 0 && text.Contains(':', StringComparison.Ordinal);
    }
}
