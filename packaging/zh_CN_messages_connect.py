"""Simplified Chinese for the connection dialog, keyring notes and the team-database action."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "Connect to team database…": "连接团队数据库…",
    "Enter the server name or address.": "请输入服务器名称或地址。",
    "Enter the database name.": "请输入数据库名称。",
    "Enter your database user name.": "请输入您的数据库用户名。",
    "The port must be 1 to 65535.": "端口必须在 1 到 65535 之间。",
    "There is no file at this path.": "此路径下没有文件。",
    "Choose the CA certificate file: “{mode}” checks the server with it.":
        "请选择 CA 证书文件：“{mode}”模式用它来验证服务器。",
    "Check this field.": "请检查此字段。",
    "The password was refused for this user. Check it and try again.":
        "此用户的密码被拒绝。请检查后重试。",
    "The server asks for a password. Enter it and try again.": "服务器要求输入密码。请输入后重试。",
    "The server has no user with this name.": "服务器上没有此名称的用户。",
    "The server has no database with this name.": "服务器上没有此名称的数据库。",
    "The server name could not be found. Check the spelling, and your network or VPN.":
        "找不到该服务器名称。请检查拼写，以及您的网络或 VPN。",
    "Nothing answered on this server and port (connection refused). Check the port, and "
    "that the server is running.":
        "此服务器和端口无人应答（连接被拒绝）。请检查端口，并确认服务器正在运行。",
    "The server did not answer in time. Check the address, and your network or VPN.":
        "服务器未及时应答。请检查地址，以及您的网络或 VPN。",
    "The secure (TLS) connection failed: the server does not offer TLS, or its certificate "
    "could not be verified with these settings.":
        "安全（TLS）连接失败：服务器不提供 TLS，或无法用这些设置验证其证书。",
    "The server does not accept connections from this computer or user. Ask your database "
    "administrator.":
        "服务器不接受来自此计算机或此用户的连接。请联系您的数据库管理员。",
    "The connection failed.": "连接失败。",
    "Details: {detail}": "详细信息：{detail}",
    "No system keyring is available on this computer, so the password cannot be stored "
    "safely. You will be asked for it at every start.":
        "此计算机上没有可用的系统密钥环，因此无法安全地保存密码。每次启动时都会要求您输入密码。",
    "Connect to a team database": "连接团队数据库",
    "&Browse…": "浏览(&B)…",
    "&Remember password (in the system keyring)": "记住密码（保存在系统密钥环中）(&R)",
    "&Server:": "服务器(&S)：",
    "P&ort:": "端口(&O)：",
    "&Database:": "数据库(&D)：",
    "&User:": "用户(&U)：",
    "Pass&word:": "密码(&W)：",
    "T&LS mode:": "TLS 模式(&L)：",
    "&CA certificate:": "CA 证书(&C)：",
    "&Test connection": "测试连接(&T)",
    "Co&nnect": "连接(&N)",
    "CA certificate": "CA 证书",
    "Certificates (*.crt *.pem *.cer);;All files (*)": "证书 (*.crt *.pem *.cer);;所有文件 (*)",
    "Connecting…": "正在连接…",
    "Connected to PostgreSQL {version}.": "已连接到 PostgreSQL {version}。",
    "Optional: paste an address, postgresql://user@host/appeals":
        "可选：粘贴地址，如 postgresql://user@host/appeals",
    "&Connect…": "连接(&C)…",
    "Ask your team lead for the server and database names. They are remembered for the next "
    "start; the password only in the system keyring.":
        "请向您的团队负责人询问服务器和数据库名称。下次启动时会记住它们；密码只保存在系统密钥环中。",
    "Password not remembered": "未记住密码",
}
