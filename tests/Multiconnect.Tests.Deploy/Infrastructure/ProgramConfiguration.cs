using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;

namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>
/// What configuration a built program reads, found by reflection over its own assemblies: every
/// options class with a <c>const string Section</c> (its properties, nested ones included, are the
/// keys), and every <c>const string …Variable</c> on them (environment variables read directly, such
/// as MULTICONNECT_ADMIN_PASSWORD). A renamed option or section changes what this reports.
/// </summary>
public sealed class ProgramConfiguration
{
    private static readonly ConcurrentDictionary<string, Lazy<ProgramConfiguration>> Loaded = new();

    /// <summary>Read by .NET's and ASP.NET Core's hosts: the environment's name, the API's and the simulator's listening addresses.</summary>
    private static readonly HashSet<string> HostVariables = new(StringComparer.Ordinal)
    {
        "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "Urls",
    };

    private readonly IReadOnlyDictionary<string, Type> _sections;

    private ProgramConfiguration(string program, IReadOnlyDictionary<string, Type> sections, IReadOnlySet<string> variables, IReadOnlySet<string> assemblies)
    {
        Program = program;
        _sections = sections;
        EnvironmentVariables = variables;
        Assemblies = assemblies;
    }

    public string Program { get; }

    /// <summary>Configuration sections the program binds, e.g. Multiconnect:Postgres.</summary>
    public IReadOnlyCollection<string> Sections => [.. _sections.Keys];

    /// <summary>Environment variables the program reads by name, outside its sections.</summary>
    public IReadOnlySet<string> EnvironmentVariables { get; }

    /// <summary>File names of every assembly in the program's output directory.</summary>
    public IReadOnlySet<string> Assemblies { get; }

    public static ProgramConfiguration Of(string program) =>
        Loaded.GetOrAdd(program, p => new Lazy<ProgramConfiguration>(() => Load(p))).Value;


    /// <summary>
    /// Null when the program reads the environment variable <paramref name="name"/> (with
    /// <paramref name="value"/>, if given, valid for it); otherwise what is wrong. Multiconnect__Section__Key
    /// variables are checked against the options classes; others must be read by name by the program,
    /// or by .NET's and ASP.NET Core's hosts.
    /// </summary>
    public string? VariableProblem(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.Contains("__", StringComparison.Ordinal))
        {
            return EnvironmentVariables.Contains(name) || HostVariables.Contains(name) ? null : $"{Program} does not read {name}";
        }

        if (!name.StartsWith("Multiconnect__", StringComparison.Ordinal))
        {
            return $"{name} is not a Multiconnect setting";
        }

        return Problem(name.Replace("__", ":", StringComparison.Ordinal), value);
    }

    /// <summary>
    /// Null when the program reads <paramref name="key"/> (e.g. Multiconnect:Postgres:MaxPoolSize) and, if
    /// given, <paramref name="value"/> converts to the option's type; otherwise what is wrong.
    /// </summary>
    public string? Problem(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var section = _sections.Keys
            .Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase))
            .MaxBy(s => s.Length);
        if (section is null)
        {
            return $"{Program} binds no section that {key} belongs to (it binds {string.Join(", ", _sections.Keys.Order(StringComparer.Ordinal))})";
        }

        var path = key[(section.Length + 1)..].Split(':');
        return Walk(_sections[section], path, 0, value, key);
    }

    private static string? Walk(Type type, string[] path, int index, string? value, string key)
    {
        if (index == path.Length)
        {
            return value is null ? null : ConversionProblem(type, value, key);
        }

        var element = ElementType(type);
        if (element is not null && int.TryParse(path[index], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return Walk(element, path, index + 1, value, key);
        }

        var property = type.GetProperty(path[index], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is null || (!property.CanWrite && index == path.Length - 1)
            ? $"{key}: {type.FullName} has no settable property {path[index]}"
            : Walk(property.PropertyType, path, index + 1, value, key);
    }

    private static string? ConversionProblem(Type type, string value, string key)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return null;
        }

        try
        {
            return TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value) is null ? $"{key}: '{value}' is not a {target.Name}" : null;
        }
        catch (Exception e) when (e is NotSupportedException or FormatException or ArgumentException)
        {
            return $"{key}: '{value}' is not a {target.Name} ({e.Message})";
        }
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static ProgramConfiguration Load(string program)
    {
        var dll = RepositoryPaths.ProgramDll(program);
        var directory = Path.GetDirectoryName(dll)!;
        var context = new ProgramLoadContext(dll);
        var types = Directory.GetFiles(directory, "Multiconnect.*.dll")
            .Select(context.LoadFromAssemblyPath)
            .SelectMany(LoadableTypes)
            .Where(t => t.IsClass && t.IsPublic)
            .ToList();
        var sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        var variables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (Constant(type, "Section") is not { } section)
            {
                continue;
            }

            sections.Add(section, type);
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static)
                         .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Variable", StringComparison.Ordinal)))
            {
                variables.Add((string)field.GetRawConstantValue()!);
            }
        }

        var assemblies = Directory.GetFiles(directory, "*.dll").Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new ProgramConfiguration(program, sections, variables, assemblies!);
    }

    private static string? Constant(Type type, string name) =>
        type.GetField(name, BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.FieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            // Types built on frameworks this test process does not load (ASP.NET Core) are not options classes.
            return e.Types.OfType<Type>();
        }
    }
}
