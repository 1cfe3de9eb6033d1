from mailbot.cli import app

app(prog_name="mailbot")
