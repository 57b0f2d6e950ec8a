//! `hromada`: publishes the social passports of Ukraine's territorial
//! communities, and the reports written about them, as a bilingual website.

mod diagnostic;
mod figures;
mod locale;
mod passport;
mod source;
mod translit;
mod yaml;

fn main() {}
