//! The `planlint` binary: parse arguments, call the library, map the outcome to an exit code.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use planlint::cli::ArgsExit;
use planlint::{Error, Outcome};

/// jemalloc rather than the system allocator, where it builds (see Cargo.toml and the README's
/// "Speed" section).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    // A panic is a bug; if one happens anyway, a planner gets a short request for a bug report
    // and exit code 2 instead of a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let (sv_file, en_file) = match planlint::run::current_file() {
            Some(f) => (
                format!(" vid granskning av `{f}`"),
                format!(" while checking `{f}`"),
            ),
            None => (String::new(), String::new()),
        };
        let _ = writeln!(
            io::stderr(),
            "planlint: internt fel{sv_file}{place}. Skicka gärna filnamnet och kommandot till den som förvaltar planlint. \
             / internal error{en_file}{place}; please report it with the file name and the command."
        );
        std::process::exit(2);
    }));
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let argv: Vec<_> = std::env::args_os().collect();
    let cli = match planlint::cli::parse(&argv, &cwd) {
        Ok(cli) => cli,
        Err(exit) => return show(&exit),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    // Stdin is not locked here: `planlint lsp` reads it on a thread of its own.
    let result = planlint::run(&cli, &mut io::stdin(), &mut out)
        .and_then(|o| out.flush().map(|()| o).map_err(Error::from));
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings | Outcome::ExitWithoutShutdown) => ExitCode::from(1),
        // The reader went away (`planlint check | head`): stop quietly.
        Err(Error::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(1),
        Err(e) => {
            let color = planlint::cli::use_color(cli.color, io::stderr().is_terminal());
            let lang = planlint::cli::message_lang(
                cli.lang.map(|_| planlint::cli::lang_of(&cli)),
                cli.isolated,
                cli.config.as_deref(),
                &cwd,
            );
            let _ = e.render(lang, color, &mut io::stderr().lock());
            ExitCode::from(2)
        }
    }
}

/// Prints help, the version or an argument error where it belongs.
fn show(exit: &ArgsExit) -> ExitCode {
    let terminal = if exit.to_stdout {
        io::stdout().is_terminal()
    } else {
        io::stderr().is_terminal()
    };
    let text = if planlint::cli::use_color(exit.color, terminal) {
        exit.text.ansi().to_string()
    } else {
        exit.text.to_string()
    };
    let _ = if exit.to_stdout {
        io::stdout().lock().write_all(text.as_bytes())
    } else {
        io::stderr().lock().write_all(text.as_bytes())
    };
    ExitCode::from(exit.code)
}
