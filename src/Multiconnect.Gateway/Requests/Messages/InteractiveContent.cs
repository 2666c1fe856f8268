using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// <c>interactive</c> (WA-API.md §3.8): <c>type</c> <c>button</c> (1 to 3 reply buttons) or <c>list</c> (a
/// button label and 1 to 10 sections of 10 rows in all), <c>body.text</c> required, optional <c>header</c> and
/// <c>footer</c>. The limits are the Cloud API's (the On-Premises reference does not state them: docs/api.md);
/// a list with too few or too many sections or rows is the original's 2015 or 2016.
/// </summary>
public sealed record InteractiveContent(
    string? Type,
    InteractiveText? Body,
    InteractiveAction? Action,
    InteractiveHeader? Header = null,
    InteractiveText? Footer = null)
{
    public void Validate(RequestProblems problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Required(Type, $"{path}.type") && Type is not ("button" or "list"))
        {
            problems.Invalid($"{path}.type", $"must be \"button\" or \"list\"; got '{Type}'");
            return;
        }

        if (problems.Required(Body, $"{path}.body"))
        {
            problems.Text(Body.Text, $"{path}.body.text", 1, 1024);
        }

        if (Footer is not null)
        {
            problems.Text(Footer.Text, $"{path}.footer.text", 1, 60);
        }

        if (Header is not null)
        {
            ValidateHeader(problems, $"{path}.header", Header);
        }

        if (!problems.Required(Action, $"{path}.action"))
        {
            return;
        }

        if (Type == "button")
        {
            ValidateButtons(problems, $"{path}.action", Action);
        }
        else if (Type == "list")
        {
            ValidateList(problems, $"{path}.action", Action);
        }
    }

    private void ValidateHeader(RequestProblems problems, string path, InteractiveHeader header)
    {
        var allowed = Type == "list" ? ["text"] : new[] { "text", "image", "video", "document" };
        if (!problems.Required(header.Type, $"{path}.type"))
        {
            return;
        }

        if (!allowed.Contains(header.Type))
        {
            problems.Invalid($"{path}.type", $"must be one of {string.Join(", ", allowed)} for a {Type} message; got '{header.Type}'");
            return;
        }

        var media = header.Type switch { "image" => header.Image, "video" => header.Video, "document" => header.Document, _ => null };
        if (header.Type == "text")
        {
            problems.Text(header.Text, $"{path}.text", 1, 60);
        }
        else if (problems.Required(media, $"{path}.{header.Type}"))
        {
            media.Validate(problems, $"{path}.{header.Type}", header.Type);
        }

        var given = new (string Name, object? Value)[] { ("text", header.Text), ("image", header.Image), ("video", header.Video), ("document", header.Document) };
        foreach (var (name, _) in given.Where(g => g.Value is not null && g.Name != header.Type))
        {
            problems.Invalid($"{path}.{name}", $"is not allowed in a header of type {header.Type}");
        }
    }

    private static void ValidateButtons(RequestProblems problems, string path, InteractiveAction action)
    {
        if (action.Button is not null || action.Sections is not null)
        {
            problems.Invalid(path, "button and sections belong to a list message, not a button message");
        }

        if (!problems.Required(action.Buttons, $"{path}.buttons") || !problems.Count(action.Buttons, $"{path}.buttons", 1, 3))
        {
            return;
        }

        for (var i = 0; i < action.Buttons.Count; i++)
        {
            var at = $"{path}.buttons[{i}]";
            if (!problems.Required(action.Buttons[i], at))
            {
                continue;
            }

            var button = action.Buttons[i];
            if (problems.Required(button.Type, $"{at}.type") && button.Type != "reply")
            {
                problems.Invalid($"{at}.type", $"must be \"reply\"; got '{button.Type}'");
            }

            if (problems.Required(button.Reply, $"{at}.reply"))
            {
                Id(problems, button.Reply.Id, $"{at}.reply.id", 256);
                problems.Text(button.Reply.Title, $"{at}.reply.title", 1, 20);
            }
        }

        var replies = action.Buttons.Where(b => b?.Reply is not null).Select(b => b.Reply!).ToList();
        Unique(problems, $"{path}.buttons", "id", replies.Select(r => r.Id));
        Unique(problems, $"{path}.buttons", "title", replies.Select(r => r.Title));
    }

    private static void ValidateList(RequestProblems problems, string path, InteractiveAction action)
    {
        if (action.Buttons is not null)
        {
            problems.Invalid($"{path}.buttons", "belongs to a button message, not a list message");
        }

        problems.Text(action.Button, $"{path}.button", 1, 20);
        if (!problems.Required(action.Sections, $"{path}.sections"))
        {
            return;
        }

        if (action.Sections.Count is < 1 or > 10)
        {
            problems.Add(new ApiError(StatusCodes.Status400BadRequest, ApiErrorCodes.InvalidSectionCount, "Invalid number of sections",
                $"{path}.sections: must hold 1 to 10 sections; got {action.Sections.Count}"));
            return;
        }

        var rows = new List<ListRow>();
        for (var i = 0; i < action.Sections.Count; i++)
        {
            var at = $"{path}.sections[{i}]";
            if (!problems.Required(action.Sections[i], at))
            {
                continue;
            }

            var section = action.Sections[i];
            if (action.Sections.Count > 1 || section.Title is not null)
            {
                problems.Text(section.Title, $"{at}.title", 1, 24);
            }

            if (section.Rows is not { Count: > 0 })
            {
                problems.Add(RowCount($"{at}.rows: must hold at least one row"));
                continue;
            }

            for (var j = 0; j < section.Rows.Count; j++)
            {
                var row = section.Rows[j];
                if (problems.Required(row, $"{at}.rows[{j}]"))
                {
                    Id(problems, row.Id, $"{at}.rows[{j}].id", 200);
                    problems.Text(row.Title, $"{at}.rows[{j}].title", 1, 24);
                    problems.OptionalText(row.Description, $"{at}.rows[{j}].description", 72);
                    rows.Add(row);
                }
            }
        }

        if (rows.Count > 10)
        {
            problems.Add(RowCount($"{path}.sections: may hold at most 10 rows in all; got {rows.Count}"));
        }

        Unique(problems, $"{path}.sections", "row id", rows.Select(r => r.Id));
    }

    private static ApiError RowCount(string details) =>
        new(StatusCodes.Status400BadRequest, ApiErrorCodes.InvalidRowCount, "Invalid number of rows", details);

    private static void Id(RequestProblems problems, string? id, string path, int max)
    {
        if (problems.Text(id, path, 1, max) && id.Trim().Length != id.Length)
        {
            problems.Invalid(path, "must not begin or end with white space");
        }
    }

    private static void Unique(RequestProblems problems, string path, string what, IEnumerable<string?> values)
    {
        foreach (var repeated in values.Where(v => v is not null).GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Invalid(path, $"has the {what} '{repeated}' more than once");
        }
    }
}
