using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Multiconnect.Tests.Integration.Fuzz;

/// <summary>
/// Requests for every operation of the gateway's OpenAPI document, made by CsCheck generators from the
/// operation's path, parameters and body schema: valid values (as a client of this API sends them),
/// boundary values, and malformed ones, with and without credentials. Bodies are built as JSON text, so
/// that they can hold what no serializer writes: duplicate keys, lone surrogates, truncation.
/// Logout revokes the token it is sent with, so it gets a token of its own (<paramref name="logoutToken"/>):
/// the first valid logout ends it, and the rest of the run keeps its token.
/// </summary>
public sealed class ApiRequests(IReadOnlyList<OpenApiOperation> operations, OpenApiSchema schemas, string token, string logoutToken, string adminPassword)
{
    private const string Logout = "/v1/users/logout";

    /// <summary>Valid values by field name, where the type alone does not make a value the API accepts.</summary>
    private static readonly Dictionary<string, Gen<string>> Known = new()
    {
        ["to"] = Gen.OneOf("\"16315551234\"", "\"+1 (631) 555-0000\"", "\"447700900123\""),
        ["recipient_type"] = Gen.Const("\"individual\""),
        ["type"] = Gen.Const("\"text\""),
        ["body"] = Text(1, 80),
        ["status"] = Gen.Const("\"read\""),
        ["cc"] = Gen.Const("\"1\""),
        ["phone_number"] = Gen.Const("\"6315550000\""),
        ["shards"] = Gen.OneOf("1", "2"),
        ["pin"] = Gen.OneOf("\"123456\"", "null"),
        ["cert"] = Gen.Byte.Array[1, 64].Select(bytes => $"\"{Convert.ToBase64String(bytes)}\""),
        ["url"] = Gen.OneOf("\"http://127.0.0.1:9/hook\"", "\"\"", "\"https://example.com/hook\""),
        ["username"] = Gen.OneOf("\"fuzz-user-1\"", "\"fuzz-user-2\""),
        ["password"] = Gen.OneOf("\"Fuzz-pass1\"", "\"Fuzz-pass2!\""),

        // The run's own credentials must hold: login never changes the admin's password here (UsersApiTests does).
        ["new_password"] = Gen.Const("null"),
    };

    /// <summary>Valid path parameters by name.</summary>
    private static readonly Dictionary<string, Gen<string>> KnownPath = new()
    {
        ["shardId"] = Gen.Const("0"),
        ["id"] = Gen.Const("wamid.unknown"),
        ["page"] = Gen.OneOf("1", "2"),
        ["name"] = Gen.OneOf("fuzz-user-1", "fuzz-user-2"), // never the admin, whose password the run logs in with
    };

    private static readonly string[] BoundaryStrings =
    [
        "", " ", "x", new('x', 4096), new('x', 4097), new('y', 20_000), "\U0001F600", "e\u0301", "\u202Eevil", "\u0001\u001F\u007F",
        "%00", "../../etc/passwd", "<script>", "' OR 1=1 --", "\"quoted\"", "\\", "\uFEFF", "\uFFFF",
    ];

    private static readonly string[] BoundaryNumbers =
        ["0", "-1", "3", "32", "33", "2147483647", "2147483648", "-2147483649", "1.5", "-0", "1e3", "1e400", "123456789012345678901234567890"];

    /// <summary>Values no field of any type accepts: wrong JSON types are added per field; these are refused whatever the field.</summary>
    private static readonly string[] AlwaysRefused = ["\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udfffy\"", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]"];

    private static readonly string[] PathBoundaries =
        ["-1", "99999999999999999999", "abc", "%20", "%C3%A9", "..%2F..%2Fx", "%FF", "%25", new string('9', 300), "0x1", "1e3", "%E2%80%AE"];

    /// <summary>Requests that must all be refused (4xx): each has at least one defect the API guarantees to catch.</summary>
    public Gen<FuzzRequest> Refused =>
        Gen.Int[0, operations.Count - 1].SelectMany(i =>
        {
            var operation = operations[i];
            var kinds = operation.Body is null ? 1 : 3;
            return Gen.Int[0, kinds - 1].SelectMany(kind => kind switch
            {
                0 => Gen.Select(BadAuthorization(operation), Path(operation, valid: true), Body(operation, BodyKind.Valid),
                    (auth, path, body) => Request(operation, path, auth, JsonContent, body, "no valid credentials")),
                _ when operation.TakesFile => RefusedFile(operation),
                1 => Gen.Select(Path(operation, valid: true), Body(operation, BodyKind.Refused),
                    (path, body) => Request(operation, path, GoodAuthorization(operation), JsonContent, body, "a malformed body")),
                _ => Gen.Select(Path(operation, valid: true), Body(operation, BodyKind.Valid), Gen.OneOf("text/plain", "application/xml", (string?)null),
                    (path, body, type) => Request(operation, path, GoodAuthorization(operation), type, body, "not JSON content")),
            });
        });

    /// <summary>Anything: mostly valid requests, with boundary and malformed values and missing credentials mixed in.</summary>
    public Gen<FuzzRequest> Any =>
        Gen.Int[0, operations.Count - 1].SelectMany(i =>
        {
            var operation = operations[i];
            var auth = Gen.Frequency((6, Gen.Const<string?>(GoodAuthorization(operation))), (1, BadAuthorization(operation)));
            var path = Gen.Frequency((3, Path(operation, valid: true)), (2, Path(operation, valid: false)));
            if (operation.TakesFile)
            {
                var fileType = Gen.Frequency((6, Gen.OneOf(FileTypes).Select(t => (string?)t)), (1, Gen.OneOf(RefusedFileTypes).Select(t => (string?)t)), (1, Gen.Const<string?>((string?)null)));
                var file = Gen.Frequency((6, FileBody), (1, Gen.Const("")));
                return Gen.Select(auth, path, fileType, file, (a, p, t, b) => Request(operation, p, a, t, b, "mixed file"));
            }

            var body = Gen.Frequency((3, Body(operation, BodyKind.Valid)), (2, Body(operation, BodyKind.Boundary)), (2, Body(operation, BodyKind.Refused)));
            var type = Gen.Frequency((8, Gen.Const<string?>(JsonContent)), (1, Gen.Const<string?>("application/json; charset=utf-8")), (1, Gen.Const<string?>("text/plain")), (1, Gen.Const<string?>((string?)null)));
            return Gen.Select(auth, path, body, type, (a, p, b, t) => Request(operation, p, a, t, b, "mixed"));
        });

    private const string JsonContent = "application/json";

    /// <summary>Types a file upload is taken with (a document may be any type but these few).</summary>
    private static readonly string[] FileTypes = ["image/jpeg", "image/png", "image/webp", "audio/ogg; codecs=opus", "video/mp4", "application/pdf", "text/plain"];

    /// <summary>Types no file upload is taken with: image, audio and video types WhatsApp does not list, wildcards, forms.</summary>
    private static readonly string[] RefusedFileTypes = ["image/gif", "audio/ogg", "video/webm", "*/*", "image/*", "multipart/form-data; boundary=x"];

    /// <summary>A small file's bytes, as text: the API does not look inside files.</summary>
    private static readonly Gen<string> FileBody = Gen.Char[' ', '~'].Array[1, 300].Select(chars => new string(chars));

    /// <summary>An upload the API must refuse whatever its bytes: no Content-Type, an empty file, or a type it does not take.</summary>
    private Gen<FuzzRequest> RefusedFile(OpenApiOperation operation) => Gen.OneOf(
        FileBody.Select(body => Request(operation, operation.Path, GoodAuthorization(operation), null, body, "a file without Content-Type")),
        Gen.OneOf(FileTypes).Select(type => Request(operation, operation.Path, GoodAuthorization(operation), type, "", "an empty file")),
        Gen.Select(Gen.OneOf(RefusedFileTypes), FileBody, (type, body) => Request(operation, operation.Path, GoodAuthorization(operation), type, body, "a file of a type the API does not take")));

    private enum BodyKind { Valid, Boundary, Refused }

    private static FuzzRequest Request(OpenApiOperation operation, string path, string? auth, string? type, string? body, string what) =>
        new(operation.Method, path, auth, operation.Body is null ? null : type, operation.Body is null ? null : body, what);

    private string GoodAuthorization(OpenApiOperation operation) =>
        operation.TakesBasicCredentials ? Basic("admin", adminPassword) : $"Bearer {(operation.Path == Logout ? logoutToken : token)}";

    private Gen<string?> BadAuthorization(OpenApiOperation operation) => operation.TakesBasicCredentials
        ? Gen.OneOf<string?>(null, Basic("admin", adminPassword + "x"), Basic("root", adminPassword), "Basic !!not-base64!!", "Basic " + new string('A', 2000), "Bearer x")
        : Gen.OneOf<string?>(null, "Bearer ", "Bearer x", $"Bearer {token[..^2]}", $"Bearer {token}x", Basic("admin", adminPassword), $"bearer{token}", "Bearer " + new string('a', 5000));

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static Gen<string> Path(OpenApiOperation operation, bool valid)
    {
        var gen = Gen.Const(operation.Path);
        foreach (var (name, place) in operation.Parameters)
        {
            var value = place == "path" && valid && KnownPath.TryGetValue(name, out var known) ? known
                : valid ? Text(1, 12).Select(t => Uri.EscapeDataString(JsonSerializer.Deserialize<string>(t)!))
                : Gen.OneOf(PathBoundaries);
            gen = place == "path"
                ? gen.SelectMany(p => value.Select(v => p.Replace("{" + name + "}", v, StringComparison.Ordinal)))
                : gen.SelectMany(p => value.Select(v => $"{p}{(p.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{name}={v}"));
        }

        return gen;
    }

    private Gen<string?> Body(OpenApiOperation operation, BodyKind kind)
    {
        if (operation.Body is not { } schema)
        {
            return Gen.Const<string?>((string?)null);
        }

        return kind switch
        {
            BodyKind.Valid => Object(schema, BodyKind.Valid).Select(b => (string?)b),
            BodyKind.Boundary => Object(schema, BodyKind.Boundary).Select(b => (string?)b),
            _ => RefusedBody(schema).Select(b => (string?)b),
        };
    }

    /// <summary>A body with at least one defect the API must refuse, the rest valid.</summary>
    private Gen<string> RefusedBody(System.Text.Json.JsonElement schema)
    {
        var properties = schemas.Properties(schema);
        var required = properties.Where(p => p.Required).Select(p => p.Name).ToList();
        var defects = new List<Gen<string>>
        {
            Members(schema, BodyKind.Valid).Select(members => Wrap([.. members, "\"x_unknown\":1"])),
            Members(schema, BodyKind.Valid).SelectMany(members => Gen.OneOf(AlwaysRefused).Select(bad => Wrap([.. members, $"\"{properties[0].Name}\":{bad}"]))),
            Gen.Int[0, properties.Count - 1].SelectMany(i => WrongType(properties[i].Schema).SelectMany(bad =>
                Members(schema, BodyKind.Valid).Select(members => Wrap([.. members.Where(m => !m.StartsWith($"\"{properties[i].Name}\":", StringComparison.Ordinal)), $"\"{properties[i].Name}\":{bad}"])))),
            Object(schema, BodyKind.Valid).SelectMany(valid => Gen.Int[0, Math.Max(0, valid.Length - 2)].Select(cut => valid[..cut])),
            Gen.OneOf("[]", "\"text\"", "1", "null", "", "{", "{\"a\":1,}", "{'a':1}", "\u00ef\u00bb\u00bf{}", "{\"\\ud800\":1}", "{\"a\\u0000\":1}"),
            Members(schema, BodyKind.Valid).Where(m => m.Count > 0).Select(members => Wrap([.. members, members[0]])), // a duplicate key
        };
        if (required.Count > 0)
        {
            defects.Add(Gen.Int[0, required.Count - 1].SelectMany(i =>
                Members(schema, BodyKind.Valid).Select(members => Wrap([.. members.Where(m => !m.StartsWith($"\"{required[i]}\":", StringComparison.Ordinal))]))));
        }

        return Gen.OneOf([.. defects]);
    }

    private Gen<string> Object(System.Text.Json.JsonElement schema, BodyKind kind) => Members(schema, kind).Select(Wrap);

    private static string Wrap(IEnumerable<string> members) => "{" + string.Join(',', members) + "}";

    private Gen<List<string>> Members(System.Text.Json.JsonElement schema, BodyKind kind)
    {
        var gen = Gen.Const(new List<string>());
        foreach (var (name, property, required) in schemas.Properties(schema))
        {
            var value = Value(name, property, kind);
            var include = required ? Gen.Const(true) : Gen.Bool;
            gen = gen.SelectMany(list => include.SelectMany(yes => yes
                ? value.Select(v => (List<string>)[.. list, $"\"{name}\":{v}"])
                : Gen.Const(list)));
        }

        return gen;
    }

    private Gen<string> Value(string name, System.Text.Json.JsonElement schema, BodyKind kind)
    {
        var type = OpenApiSchema.TypeOf(schema);
        if (type == "object")
        {
            return Object(schema, kind);
        }

        var valid = Known.TryGetValue(name, out var known) ? known : type switch
        {
            "integer" or "number" => Gen.Int[0, 40].Select(i => i.ToString(CultureInfo.InvariantCulture)),
            "boolean" => Gen.Bool.Select(b => b ? "true" : "false"),
            "array" => Gen.Const("[]"),
            _ => Text(0, 20),
        };
        if (kind != BodyKind.Boundary)
        {
            return valid;
        }

        var boundary = type switch
        {
            "integer" or "number" => Gen.OneOf(BoundaryNumbers),
            "boolean" => Gen.OneOf("true", "false", "null"),
            _ => Gen.OneOf(BoundaryStrings).Select(s => JsonSerializer.Serialize(s)),
        };
        return Gen.Frequency((1, valid), (2, boundary));
    }

    /// <summary>A JSON value of another type than the schema's (never null: null stands for "absent" in optional fields).</summary>
    private static Gen<string> WrongType(System.Text.Json.JsonElement schema) => OpenApiSchema.TypeOf(schema) switch
    {
        "integer" or "number" => Gen.OneOf("\"1\"", "true", "{}", "[]", "1.5", "1e400"),
        "boolean" => Gen.OneOf("\"true\"", "1", "{}", "[]"),
        "object" => Gen.OneOf("\"x\"", "1", "true", "[]"),
        _ => Gen.OneOf("1", "true", "{}", "[]", "-0.5"),
    };

    /// <summary>Printable ASCII text as a JSON string.</summary>
    private static Gen<string> Text(int min, int max) => Gen.Char['a', 'z'].Array[min, max].Select(chars => JsonSerializer.Serialize(new string(chars)));
}
