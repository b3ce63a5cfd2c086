//! The `planlint` binary: parse arguments, call the library, map the outcome to an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use planlint::cli::Cli;
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
    let cli = Cli::parse();
    let lang = planlint::lang_of(&cli);
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
            let color =
                planlint::use_color(cli.color, std::io::IsTerminal::is_terminal(&io::stderr()));
            let _ = e.render(lang, color, &mut io::stderr().lock());
            ExitCode::from(2)
        }
    }
}
