//! The `planlint` binary: parse arguments, call the library, map the outcome to an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use planlint::cli::Cli;
use planlint::{Error, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = planlint::lang_of(&cli);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result =
        planlint::run(&cli, &mut out).and_then(|o| out.flush().map(|()| o).map_err(Error::from));
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
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
