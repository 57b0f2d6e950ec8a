//! The command line in the chosen language: every command's and flag's
//! help (their English text, from the doc comments, is the catalog's key),
//! the help page's headings, and what a mistyped command line is told.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use super::{Lang, Message, catalog};

/// `cmd` with its help in `lang`. Every command gets its own `--help`
/// flag, so that its text is ours to translate in each language alike.
pub fn localise(cmd: Command, lang: Lang) -> Command {
    let cmd = cmd.disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(tr!("Print version").render(lang)),
    );
    let mut cmd = each(cmd, lang);
    // Building adds the `help` command, whose text is then ours to set.
    cmd.build();
    cmd.mut_subcommand("help", |help| {
        help.about(tr!("Print this message or the help of the given subcommand(s)").render(lang))
    })
}

fn each(cmd: Command, lang: Lang) -> Command {
    let said = |text: &str| match lang {
        Lang::En => text.to_string(),
        Lang::Uk => catalog::uk().singular(text).unwrap_or(text).to_string(),
    };
    let mut cmd = cmd.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(tr!("Print help").render(lang)),
    );
    if let Some(about) = cmd.get_about().map(ToString::to_string) {
        cmd = cmd.about(said(&about));
    }
    if let Some(about) = cmd.get_long_about().map(ToString::to_string) {
        cmd = cmd.long_about(said(&about));
    }
    if lang == Lang::Uk {
        cmd = cmd
            .help_template(
                "{before-help}{about-with-newline}\nВикористання: {usage}\n\n{all-args}{after-help}",
            )
            .subcommand_help_heading("Команди")
            .mut_args(|arg| {
                let heading = match arg.is_positional() {
                    true => "Аргументи",
                    false => "Параметри",
                };
                let help = arg.get_help().map(|h| said(&h.to_string()));
                let (arg, values) = values_in_ukrainian(arg.help_heading(heading));
                match (help, values) {
                    (Some(help), Some(values)) => arg.help(format!("{help} {values}")),
                    (Some(help), None) => arg.help(help),
                    (None, Some(values)) => arg.help(values),
                    (None, None) => arg,
                }
            });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |sub| each(sub, lang));
    }
    cmd
}

/// `arg` with clap's English notes on its values (`[default: .]`,
/// `[possible values: text, json]`) hidden, and the same notes in
/// Ukrainian to add to its help.
fn values_in_ukrainian(arg: Arg) -> (Arg, Option<String>) {
    if !arg.get_action().takes_values() {
        return (arg, None);
    }
    let mut notes = Vec::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        notes.push(format!("[типово: {}]", defaults.join(", ")));
    }
    let possible: Vec<String> = arg
        .get_value_parser()
        .possible_values()
        .into_iter()
        .flatten()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !possible.is_empty() && !arg.is_hide_possible_values_set() {
        notes.push(format!("[можливі значення: {}]", possible.join(", ")));
    }
    match notes.is_empty() {
        true => (arg, None),
        false => (
            arg.hide_default_value(true).hide_possible_values(true),
            Some(notes.join(" ")),
        ),
    }
}

/// Every help text of `cmd` and its commands, in English: what the
/// catalog must translate.
#[cfg(test)]
pub fn help_texts(cmd: &Command) -> Vec<String> {
    let mut out: Vec<String> = cmd
        .get_about()
        .into_iter()
        .chain(cmd.get_long_about())
        .map(ToString::to_string)
        .collect();
    out.extend(
        cmd.get_arguments()
            .filter_map(|a| a.get_help())
            .map(ToString::to_string),
    );
    for sub in cmd.get_subcommands() {
        out.extend(help_texts(sub));
    }
    out
}

/// What a mistyped command line is told, in `lang`: clap's own words in
/// English, ours in Ukrainian, with the usage and where to learn more.
pub fn error(err: &clap::Error, lang: Lang) -> String {
    if lang == Lang::En
        || matches!(
            err.kind(),
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
        )
    {
        return err.render().to_string();
    }
    let context = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(s)) => s
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let message: Message = match err.kind() {
        ErrorKind::UnknownArgument => tr!("unexpected argument `{arg}`", arg),
        ErrorKind::InvalidSubcommand => {
            tr!(
                "there is no command `{command}`",
                command = context(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::InvalidValue => match context(ContextKind::ValidValue) {
            valid if valid.is_empty() => tr!("`{arg}` needs a value", arg),
            valid => tr!(
                "invalid value `{value}` for `{arg}`; the possible values are: {valid}",
                value,
                arg,
                valid
            ),
        },
        ErrorKind::ValueValidation => tr!("invalid value `{value}` for `{arg}`", value, arg),
        ErrorKind::MissingRequiredArgument => {
            tr!("this is required and missing: {arg}", arg)
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            tr!("too many values: `{value}`", value)
        }
        ErrorKind::ArgumentConflict => {
            tr!(
                "`{arg}` cannot be used with {other}",
                arg,
                other = context(ContextKind::PriorArg)
            )
        }
        ErrorKind::InvalidUtf8 => tr!("an argument is not UTF-8 text"),
        _ => return err.render().to_string(),
    };
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(context)
    .find(|s| !s.is_empty());
    let mut out = format!("error: {}\n", message.render(lang));
    if let Some(s) = suggested {
        out.push_str(&format!(
            "\n  {}\n",
            tr!("did you mean `{near}`?", near = s).render(lang)
        ));
    }
    let usage = context(ContextKind::Usage);
    let usage = usage.trim().strip_prefix("Usage:").unwrap_or(&usage).trim();
    if !usage.is_empty() {
        out.push_str(&format!("\nВикористання: {usage}\n"));
    }
    out.push_str(&format!(
        "\n{}\n",
        tr!("For more information, try `--help`.").render(lang)
    ));
    out
}
